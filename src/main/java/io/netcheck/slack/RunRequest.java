package io.netcheck.slack;

import io.netcheck.checklist.VipCheckRequest;

/**
 * One accepted {@code /netcheck} run: what to check, where to post, and the response_url to fall back to
 * when the bot cannot post in the channel.
 *
 * @param commandText the command as typed (for "Run again")
 */
record RunRequest(String commandText, VipCheckRequest check, String channelId, String userId, String responseUrl) {
}

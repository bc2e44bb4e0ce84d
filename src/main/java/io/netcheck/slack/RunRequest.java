package io.netcheck.slack;

import io.netcheck.command.Command;
import io.netcheck.diff.SinceLastWorked;

/**
 * One accepted {@code /netcheck} run: what to check (the VIP checklist or a single-probe command), where to post, and the response_url to fall back to
 * when the bot cannot post in the channel.
 *
 * @param commandText     the command as typed, without --to (for "Run again")
 * @param incidentChannel also post the evidence there ({@code --to #inc-4711}); null for none
 * @param compare         {@code --compare}: what to compare the result with; null when not asked
 * @param agent           run it on this agent ({@code --from lb-a}); null: here
 */
record RunRequest(String commandText, Command command, String channelId, String userId, String responseUrl,
                  String incidentChannel, SinceLastWorked compare, String agent) {
    RunRequest(String commandText, Command command, String channelId, String userId, String responseUrl,
               String incidentChannel, SinceLastWorked compare) {
        this(commandText, command, channelId, userId, responseUrl, incidentChannel, compare, null);
    }

    RunRequest(String commandText, Command command, String channelId, String userId, String responseUrl,
               String incidentChannel) {
        this(commandText, command, channelId, userId, responseUrl, incidentChannel, null, null);
    }
}

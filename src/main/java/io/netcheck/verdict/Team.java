package io.netcheck.verdict;

/**
 * A team that can own a fault.
 *
 * @param key        one of none, network, firewall, lb, server, dns, platform (or a configured one)
 * @param slackGroup Slack user group id (S0123…) to mention, null when not configured
 */
public record Team(String key, String name, String slackGroup) {
}

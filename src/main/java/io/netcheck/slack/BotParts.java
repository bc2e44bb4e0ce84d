package io.netcheck.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/** What the handlers share once the bot has started: the Slack clients, the workers and the bot's memory. */
record BotParts(Slack slack, MethodsClient methods, SlackApi api, SlackMetrics metrics, ThreadPoolExecutor workers,
                ScheduledExecutorService progress, RecentRequests recent, KeptReports kept, EvidenceThread thread) {
}

package io.netcheck.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/** A channel chosen in the incident picker: re-posts the kept report's evidence there, off the ack path. */
final class IncidentChannelPicked implements BlockActionHandler {
    private final BotParts parts;

    IncidentChannelPicked(BotParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        var p = req.getPayload();
        var action = p.getActions().get(0);
        String runId = action.getBlockId() != null && action.getBlockId().startsWith("incident:")
                ? action.getBlockId().substring("incident:".length()) : null;
        String target = action.getSelectedConversation();
        String user = p.getUser().getId();
        String responseUrl = p.getResponseUrl();
        if (parts.recent().firstTime(p.getTriggerId() == null ? action.getActionTs() : p.getTriggerId())) {
            post(runId, target, user, responseUrl);
        }
        return ctx.ack();
    }

    /** Re-posts a kept report's evidence into the channel chosen from the button. */
    private void post(String runId, String target, String user, String responseUrl) {
        KeptReports.Kept k = parts.kept().get(runId);
        Runnable job = () -> {
            Shortfall failures = new Shortfall();
            String answer;
            if (k == null) {
                answer = ":hourglass: this report is no longer kept: run the check again with --to #channel";
            } else if (target == null) {
                answer = "no channel chosen";
            } else {
                try {
                    IncidentPost.post(parts.thread(), target, k.report(), k.pcaps(), k.channel(), k.ts(), user,
                            failures);
                    Audit.decision(user, target, "post-incident " + k.report().command(), "accepted", null);
                    answer = ":white_check_mark: posted to <#" + target + ">" + (failures.isEmpty() ? ""
                            : " (not everything went through: " + failures + ")");
                } catch (SlackFailure e) {
                    answer = ":warning: could not post in <#" + target + "> (" + e.error() + ")"
                            + (e.cannotPostInChannel() ? ": invite me there with `/invite @netcheck` and press the "
                            + "button again" : "");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            SlackRun.respond(parts.slack(), responseUrl, answer, null, true);
        };
        try {
            parts.workers().execute(job);
        } catch (RejectedExecutionException e) {
            SlackRun.respond(parts.slack(), responseUrl, ":hourglass: netcheck is busy; press the button again in a "
                    + "minute", null, true);
        }
    }
}

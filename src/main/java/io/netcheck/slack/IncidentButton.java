package io.netcheck.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;

/** "Post to incident channel": offers a channel picker while the report is still kept. */
final class IncidentButton implements BlockActionHandler {
    private final BotParts parts;

    IncidentButton(BotParts parts) {
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        var p = req.getPayload();
        String runId = p.getActions().get(0).getValue();
        KeptReports kept = parts.kept();
        if (kept.get(runId) == null) {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(":hourglass: this report is "
                    + "no longer kept (reports are kept " + kept.keep().toHours() + " h): "
                    + "run the check again with --to #channel"));
        } else {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text("Post to which channel?")
                    .blocks(SlackBlocks.incidentPicker(runId)));
        }
        return ctx.ack();
    }
}

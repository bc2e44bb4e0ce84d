package io.netcheck.slack;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;

/** "Run again" under a report: the same command, admitted like a typed one. */
final class RerunButton implements BlockActionHandler {
    private final Admission admission;
    private final BotParts parts;

    RerunButton(Admission admission, BotParts parts) {
        this.admission = admission;
        this.parts = parts;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) throws IOException, SlackApiException {
        var p = req.getPayload();
        String text = p.getActions().get(0).getValue();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        if (parts.recent().firstTime(p.getTriggerId()) && channel != null) {
            Refusal refusal = admission.accept(text, channel, p.getUser().getId(), p.getResponseUrl());
            if (refusal != null) {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(refusal.message()));
            }
        }
        return ctx.ack();
    }
}

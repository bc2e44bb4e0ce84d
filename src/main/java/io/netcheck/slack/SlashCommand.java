package io.netcheck.slack;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import io.netcheck.agent.AgentRegistry;
import io.netcheck.agent.AgentRouting;
import io.netcheck.agent.FromOption;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.CompareOption;
import io.netcheck.command.UsageException;
import java.time.Clock;
import java.util.List;

/** {@code /netcheck ...}: help, channel commands (watch, summary) and checks, each answered within Slack's 3 s. */
final class SlashCommand implements SlashCommandHandler {
    private final CommandParser parser;
    private final Admission admission;
    private final ChannelCommands channelCommands;
    private final BotParts parts;
    private final AgentRegistry agents;
    private final AgentRouting routing;
    private final Clock clock;

    SlashCommand(CommandParser parser, Admission admission, ChannelCommands channelCommands, BotParts parts,
                 AgentRegistry agents, AgentRouting routing, Clock clock) {
        this.parser = parser;
        this.admission = admission;
        this.channelCommands = channelCommands;
        this.parts = parts;
        this.agents = agents;
        this.routing = routing;
        this.clock = clock;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        var p = req.getPayload();
        // Slack redelivers (HTTP X-Slack-Retry-Num, Socket Mode retry_attempt) with the same trigger_id: run it
        // only the first time we see it. A redelivery of something never received still runs.
        boolean redelivered = retryNumber(req.getHeaders()) > 0;
        if (!parts.recent().firstTime(p.getTriggerId()) || (p.getTriggerId() == null && redelivered)) {
            return ctx.ack();
        }
        List<String> words;
        IncidentTarget to;
        try {
            to = IncidentTarget.split(SlackText.words(p.getText()));
            words = CompareOption.split(to.words()).words(); // --compare is applied when the run is accepted
        } catch (IllegalArgumentException e) {
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), "refused", e.getMessage());
            parts.metrics().rejected(Refusal.Kind.INPUT);
            return ctx.ack(r -> r.responseType("ephemeral").text(":warning: " + e.getMessage()));
        }
        if (words.equals(List.of("agents"))) {
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), "accepted", null);
            String list = AgentList.text(agents.agents(), routing.elsewhere(), clock.instant());
            return ctx.ack(r -> r.responseType("ephemeral").text(list).blocks(SlackBlocks.usageFree(list)));
        }
        Command command;
        try {
            command = parser.parse(FromOption.split(words).words());
        } catch (UsageException e) {
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), "refused", e.getMessage());
            parts.metrics().rejected(Refusal.Kind.INPUT);
            return ctx.ack(r -> r.responseType("ephemeral").text(e.getMessage())
                    .blocks(SlackBlocks.usage(e.getMessage(), e.usage())));
        }
        if (command instanceof Command.Help help) {
            String text = parser.helpFor(help.topic());
            return ctx.ack(r -> r.responseType("ephemeral").text(text)
                    .blocks(SlackBlocks.usageFree("```\n" + SlackBlocks.esc(text.replace("\nusage: ", "\nusage: "
                            + SlackBot.COMMAND + " ")) + "\n```")));
        }
        if (command instanceof Command.ChannelCommand channelCommand) {
            Refusal refusal = to.channel() != null
                    ? Refusal.input("--to goes on a check; a watch's outages go to netcheck.watch.incident-channel")
                    : admission.channelRefusal(words, channelCommand, p.getUserId(), p.getChannelId());
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), refusal == null ? "accepted" : "refused",
                    refusal == null ? null : refusal.message());
            if (refusal != null) {
                parts.metrics().rejected(refusal.kind());
                return refuse(ctx, refusal);
            }
            String busy = channelCommands.submit(channelCommand, p.getChannelId(), p.getUserId(), p.getResponseUrl(),
                    parts.slack(), parts.methods(), parts.api());
            // An empty ack shows nothing; the answer follows in the channel or privately.
            return busy == null ? ctx.ack() : ctx.ack(r -> r.responseType("ephemeral").text(busy));
        }
        Refusal refusal = admission.accept(p.getText(), p.getChannelId(), p.getUserId(), p.getResponseUrl());
        if (refusal != null) {
            return refuse(ctx, refusal);
        }
        return ctx.ack(r -> r.responseType("ephemeral").text(":mag: Checking `" + SlackBlocks.esc(
                SlackBlocks.truncate(p.getText(), 200)) + "` — the report will appear in this channel."));
    }

    private static Response refuse(SlashCommandContext ctx, Refusal refusal) {
        return ctx.ack(r -> r.responseType("ephemeral").text(refusal.message())
                .blocks(SlackBlocks.usageFree(":warning: " + SlackBlocks.esc(refusal.message()))));
    }

    static int retryNumber(RequestHeaders headers) {
        String value = headers == null ? null : headers.getFirstValue("X-Slack-Retry-Num");
        if (value == null && headers != null) {
            value = headers.getFirstValue("x-slack-retry-num");
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

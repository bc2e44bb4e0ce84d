package io.netcheck.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /api/v1/checks. */
@Schema(description = "A check in the CLI/Slack grammar")
public record CheckRequest(
        @Schema(required = true, examples = "tcp 10.0.0.5:443 --from lb-a",
                description = "e.g. vip 10.0.0.5:443 --backends 10.0.1.10:443; tcp db:5432 --from lb-a")
        String command) {
}

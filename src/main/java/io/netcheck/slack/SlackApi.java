package io.netcheck.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Every Web API call goes through here: HTTP 429 waits for Slack's Retry-After, 5xx and timeouts back
 * off exponentially, Slack error codes are final. A run's calls are made one after another by its worker,
 * so retries keep its messages in order.
 */
final class SlackApi {
    private static final Logger LOG = Logger.getLogger(SlackApi.class);
    private static final Set<String> RETRYABLE = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");

    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** How the wrapper waits; tests can record instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxRetryAfter;
    private final Sleeper sleeper;
    private final SlackMetrics metrics;

    SlackApi(int maxAttempts, Duration backoff, Duration maxRetryAfter, Sleeper sleeper, SlackMetrics metrics) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxRetryAfter = maxRetryAfter;
        this.sleeper = sleeper;
        this.metrics = metrics;
    }

    <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws SlackFailure, InterruptedException {
        Duration wait = backoff;
        String last = "no attempt";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration pause = wait;
            try {
                T response = call.run();
                metrics.call(method, response.isOk() ? "ok" : response.getError());
                if (response.isOk()) {
                    return response;
                }
                last = response.getError();
                if (!RETRYABLE.contains(last)) {
                    throw new SlackFailure(method, last, null);
                }
            } catch (SlackApiException e) {
                int code = e.getResponse().code();
                metrics.call(method, "http_" + code);
                last = "HTTP " + code + (e.getError() != null && e.getError().getError() != null
                        ? " " + e.getError().getError() : "");
                if (code == 429) {
                    pause = retryAfter(e.getResponse().header("Retry-After"));
                    if (pause.compareTo(maxRetryAfter) > 0) {
                        throw new SlackFailure(method, "rate limited for " + pause.toSeconds() + " s", e);
                    }
                } else if (code < 500) {
                    throw new SlackFailure(method, last, e);
                }
            } catch (SlackFilesUploadV2Exception e) {
                // files.uploadV2 is three calls; the SDK throws when one answers not ok instead of returning it.
                last = uploadError(e);
                metrics.call(method, last);
                throw new SlackFailure(method, last, e);
            } catch (IOException e) {
                metrics.call(method, "io_error");
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt < maxAttempts) {
                LOG.debugf("%s: %s, attempt %d of %d, retrying in %d ms", method, last, attempt, maxAttempts,
                        pause.toMillis());
                sleeper.sleep(pause);
                if (pause == wait) {
                    wait = wait.multipliedBy(2);
                }
            }
        }
        throw new SlackFailure(method, "gave up after " + maxAttempts + " attempts (" + last + ")", null);
    }

    private static String uploadError(SlackFilesUploadV2Exception e) {
        if (e.getGetURLResponses() != null) {
            for (var r : e.getGetURLResponses()) {
                if (r != null && !r.isOk()) {
                    return r.getError();
                }
            }
        }
        if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
            return e.getCompleteResponse().getError();
        }
        return "upload failed";
    }

    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header == null ? "1" : header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}

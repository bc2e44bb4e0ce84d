package io.netcheck.check;

import io.netcheck.probe.ConnectTarget;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Probe;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.TcpConnector;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code banner HOST:PORT}: the second half of the telnet test. Connects (under the capture, like tcp) and reads
 * what the service says first — SSH, SMTP, FTP, POP3, IMAP and Redis-style servers greet before the client
 * speaks — within a short wait; it sends nothing itself.
 */
public final class BannerCheck {
    /** The most of a greeting kept: one line is what identifies a service. */
    static final int MAX_BYTES = 512;

    /**
     * @param waitFor how long to wait for the first words once connected
     */
    public record Request(HostPort target, Duration timeout, Duration waitFor, boolean capture, Path pcapFile) {
    }

    private final Targeting targeting;
    private final ProbeRunner runner;
    private final CaptureRun captureRun;
    private final Clock clock;
    private final TargetHost targetHost;

    public BannerCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock) {
        this.targeting = targeting;
        this.runner = runner;
        this.captureRun = captureRun;
        this.clock = clock;
        this.targetHost = new TargetHost(runner, targeting.policy(), captureRun.settings());
    }

    public BannerEvidence run(Request request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(request.target(), request.timeout());
        Heard[] heard = new Heard[1];
        String[] problem = new String[1];
        TargetHost.Measurement measure = targetHost.measurement(target, request.capture(), request.timeout());
        CaptureRun.Captured captured = captureRun.around(request.capture(), "capture switched off (--no-capture)",
                TcpCheck.interfaces(target), targetHost.filter(target), () -> {
                    var connect = target.probeable() ? runner.submit(listen(request.waitFor()),
                            new ConnectTarget(target.address(), target.route()), request.timeout().plus(request.waitFor()))
                            : null;
                    measure.startAfter(connect);
                    if (connect != null) {
                        try {
                            heard[0] = connect.join().result();
                        } catch (RuntimeException e) {
                            problem[0] = Overran.problem(e);
                        }
                    }
                    measure.await(heard[0] == null || !heard[0].connect().connected());
                });
        TargetHost.Measured hostAnswers = measure.collect(captured);
        ConnectAttempt attempt = ConnectAttempt.of(target, heard[0] == null ? null : heard[0].connect(), problem[0],
                captured).measured(hostAnswers.evidence());
        var summary = captured.summary(hostAnswers.with(attempt.flow()), hostAnswers.frames(), request.pcapFile(),
                "banner-" + request.target().host() + "-" + request.target().port(), startedAt);
        Heard h = heard[0];
        return new BannerEvidence(request, startedAt, runner.ticker().since(t0), attempt,
                h == null ? null : h.text(), h == null ? 0 : h.bytes(), h == null ? null : h.after(),
                h == null ? null : h.end(), summary);
    }

    /** What was read after the connect: the greeting (printable), its size, when it came, how reading ended. */
    record Heard(TcpConnectResult connect, String text, int bytes, Duration after, BannerEvidence.End end) {
    }

    /** Connect, then read until the first line ends, {@link #MAX_BYTES}, the service closes, or the wait is over. */
    static Probe<ConnectTarget, Heard> listen(Duration wait) {
        return (target, deadline) -> {
            TcpConnector.Attempt attempt = TcpConnector.connect(target.address(), target.route(), deadline);
            if (attempt.socket() == null) {
                return new Heard(attempt.result(), null, 0, null, null);
            }
            try (Socket socket = attempt.socket()) {
                return read(attempt.result(), socket, deadline.next(wait));
            } catch (IOException e) {
                return new Heard(attempt.result(), null, 0, null, BannerEvidence.End.RESET);
            }
        };
    }

    private static Heard read(TcpConnectResult connect, Socket socket, Deadline wait) throws IOException {
        long t0 = wait.ticker().nanos();
        byte[] buffer = new byte[MAX_BYTES];
        int n = 0;
        Duration first = null;
        BannerEvidence.End end = BannerEvidence.End.LIMIT;
        InputStream in = socket.getInputStream();
        while (n < MAX_BYTES) {
            if (wait.expired()) {
                end = BannerEvidence.End.SILENCE;
                break;
            }
            socket.setSoTimeout(wait.remainingMillisForSocket());
            int r;
            try {
                r = in.read(buffer, n, MAX_BYTES - n);
            } catch (SocketTimeoutException e) {
                end = BannerEvidence.End.SILENCE;
                break;
            } catch (IOException e) {
                end = BannerEvidence.End.RESET;
                break;
            }
            if (r < 0) {
                end = BannerEvidence.End.CLOSED;
                break;
            }
            if (first == null) {
                first = wait.ticker().since(t0);
            }
            int from = n;
            n += r;
            if (indexOfNewline(buffer, from, n) >= 0) {
                end = BannerEvidence.End.LINE;
                break;
            }
        }
        return new Heard(connect, n == 0 ? null : printable(buffer, n), n, first, end);
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The greeting's first line as text: control characters and non-ASCII bytes shown as '.', no line ends. */
    static String printable(byte[] b, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n && b[i] != '\n'; i++) {
            int c = b[i] & 0xff;
            if (c != '\r') {
                out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
        }
        return out.toString();
    }
}

package io.netcheck.config;

import io.netcheck.probe.TargetPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All of netcheck's settings, under {@code netcheck.}. Secrets never live here: they come from the
 * environment only (see .env.example).
 */
@ConfigMapping(prefix = "netcheck")
public interface NetcheckConfig {

    Probe probe();

    Tls tls();

    Capture capture();

    Slack slack();

    Policy policy();

    Agent agent();

    Api api();

    /**
     * netcheck agents: the server side (who may connect) and the agent side (how it connects). Agents dial out
     * to the server's HTTP port over a WebSocket; see README "Agents".
     */
    interface Agent {
        /**
         * Server: the agents allowed to connect, {@code NAME=TOKEN} pairs separated by commas; a token may be
         * given as {@code sha256:HEX} (its SHA-256, lower or upper case hex). A secret: env NETCHECK_AGENT_TOKENS
         * only. Unset: no agent may connect.
         */
        Optional<String> tokens();

        /** Agent: its token for the server. A secret: env NETCHECK_AGENT_TOKEN only. */
        Optional<String> token();

        /**
         * How often each side sends a heartbeat: keeps idle-timeout proxies (Ingress, NAT) from dropping the
         * connection, and a side that hears nothing for three intervals closes it (the agent then reconnects).
         */
        @WithDefault("15s")
        Duration heartbeat();

        /** Server: the longest a job may take on an agent, on top of its own probe timeouts. */
        @WithDefault("60s")
        Duration jobTimeout();

        /** Agent: the largest .pcap it sends back with a report (bytes); a larger capture is cut at a packet. */
        @WithDefault("2097152")
        int maxPcapBytes();

        /** Agent: the longest wait between reconnect attempts (backoff doubles from 1 s up to this, +-50% jitter). */
        @WithDefault("30s")
        Duration reconnectMax();

        /** Agent: jobs run at once; more are refused with "busy". */
        @WithDefault("2")
        int maxJobs();

        /**
         * Server, PostgreSQL (several replicas): how long a replica's claim on the agents connected to it lasts without
         * renewal (renewed every third of it). A job for an agent on another replica is relayed there through the
         * store; when that replica dies its agents count as connected nowhere after this, and a job relayed to it
         * fails then rather than waiting for its deadline.
         */
        @WithDefault("15s")
        Duration relayLease();

        /**
         * Server, PostgreSQL: how often a replica looks for relayed jobs and results without being notified (the
         * fallback should a LISTEN/NOTIFY wake-up be lost, e.g. while its listening connection is re-opened).
         */
        @WithDefault("1s")
        Duration relayPoll();
    }

    /** The check API ({@code POST /api/v1/checks}, {@code GET /api/v1/agents}). */
    interface Api {
        /**
         * The named bearer tokens API callers present (and {@code --server} sends), each with what it may run:
         * {@code NAME=TOKEN:GRANTS} entries separated by {@code ;}, the token also as {@code sha256:HEX}, GRANTS
         * comma-separated command names ({@code tcp,http,vip}), {@code --from} to run them on an agent too, or
         * {@code *} for every command and {@code --from}. E.g. {@code ci=sha256:9f86…:tcp,http;oncall=TOKEN:*}.
         * A secret: env NETCHECK_API_TOKENS only. Unset (and no NETCHECK_API_TOKEN): the API refuses every call (401).
         */
        Optional<String> tokens();

        /**
         * One bearer token allowed everything, named {@code default} in the audit and metrics (the form before
         * NETCHECK_API_TOKENS; both may be set). A secret: env NETCHECK_API_TOKEN only.
         */
        Optional<String> token();

        /**
         * Checks the API runs at once; more get 429. Authorisation: the token's grants, and netcheck.auth.* with
         * the caller as user {@code api}.
         */
        @WithDefault("4")
        int maxConcurrent();
    }

    Kubernetes kubernetes();

    /** {@code svc/NAME[.NAMESPACE][:PORT]} targets: the VIP and its real servers read from a Service and its EndpointSlices. */
    interface Kubernetes {
        /** Read Services at all; off, a svc/ target is refused with a message saying so. */
        @WithDefault("true")
        boolean enabled();

        /** The longest reading a Service and its EndpointSlices may take (also each request's own limit). */
        @WithDefault("5s")
        Duration timeout();

        /**
         * Which namespaces a Slack channel may read Services from, by channel id ({@code *} for every channel):
         * {@code netcheck.kubernetes.channel-namespaces.C0123=shop,web} ({@code *} for every namespace). A channel
         * with no entry may not use svc/ targets; the CLI is not limited (it uses its user's own kubeconfig).
         */
        Map<String, List<String>> channelNamespaces();
    }

    /**
     * Who may run a command from Slack, per command name ({@code vip}, {@code listen}, ...). A command with no
     * entry is open, except {@code listen} (it opens a port on the bot's host), which is refused until granted.
     */
    Map<String, Permission> auth();

    /** Any of users or groups may run it (either list empty: no restriction by it); channels limit where. */
    interface Permission {
        /** Slack user ids (U…). */
        Optional<List<String>> users();

        /** Slack user group ids (S…); membership is read from Slack and cached for 5 minutes. */
        Optional<List<String>> groups();

        /** Slack channel ids (C…) the command may be run in. */
        Optional<List<String>> channels();
    }

    /** Cause → team key overrides, e.g. {@code netcheck.owner.HOST_UNREACHABLE=network}. */
    Map<String, String> owner();

    /** Team key → display name and Slack user group, e.g. {@code netcheck.team.lb.slack-group=S0123}. */
    Map<String, TeamSettings> team();

    Store store();

    Watch watch();

    /**
     * Watches declared in configuration (a Helm values file can carry them), by name:
     * {@code netcheck.watches."checkout-vip".channel=C0123}, {@code .command=vip checkout.internal:443},
     * {@code .every=5m}. They are kept in step with the store at start-up and cannot be removed from Slack.
     */
    Map<String, DeclaredWatch> watches();

    Summary summary();

    /** "What changed since it last worked" ({@code --compare}, watch alerts). */
    Compare compare();

    /** Summary schedules declared in configuration: {@code netcheck.summaries[0].channel=C0123}, {@code .cron=...}. */
    Optional<List<DeclaredSummary>> summaries();

    /** Where watches, their history and summary schedules are kept across restarts. */
    interface Store {
        /** Keep watches (off for the one-shot CLI, which never opens the store). */
        @WithDefault("true")
        boolean enabled();

        /**
         * JDBC URL: {@code jdbc:h2:file:/data/netcheck} (embedded, no server) or
         * {@code jdbc:postgresql://host:5432/netcheck}. Env NETCHECK_STORE_URL.
         */
        @WithDefault("jdbc:h2:file:./data/netcheck")
        String url();

        /** Env NETCHECK_STORE_USERNAME. */
        Optional<String> username();

        /** Env NETCHECK_STORE_PASSWORD; a secret, so only ever from the environment. */
        Optional<String> password();

        /** How long watch results (and posted-summary records) are kept. */
        @WithDefault("14d")
        Duration retention();
    }

    interface Watch {
        /** How often the scheduler looks for due watches and summaries. */
        @WithDefault("15s")
        Duration tick();

        /** Watches running at once; more wait for the next tick. */
        @WithDefault("4")
        int workers();

        /**
         * PostgreSQL (several replicas): how often each replica checks in with the clustered scheduler. Another one
         * takes over the watches of a replica that missed its check-in by 7.5 s (Quartz's margin).
         */
        @WithDefault("5s")
        Duration clusterCheckin();

        /** Results in a row that must agree before a watch changes state (no alerts for one flap). */
        @WithDefault("2")
        int confirm();

        /** Interval of a watch added without --every. */
        @WithDefault("5m")
        Duration defaultEvery();

        /** Shortest --every accepted: a watch must not become a scanner. */
        @WithDefault("1m")
        Duration minEvery();

        /** Longest --every accepted. */
        @WithDefault("24h")
        Duration maxEvery();

        /** Most watches one channel may have. */
        @WithDefault("20")
        int maxPerChannel();

        /** Channel (C…) that also gets every watch's outage and recovery, with the evidence. */
        Optional<String> incidentChannel();
    }

    interface DeclaredWatch {
        /** Channel id (C…) the watch reports to. */
        String channel();

        /** The check, as typed after /netcheck: {@code vip checkout.internal:443 --backends ...}. */
        String command();

        /** Interval; netcheck.watch.default-every when absent. */
        Optional<Duration> every();
    }

    interface Compare {
        /**
         * Where the CLI keeps each target's last healthy report for {@code --compare} (the server keeps them in its
         * store). At most 500 files. A leading {@code ~/} is the user's home directory.
         */
        @WithDefault("~/.netcheck/last-worked")
        String dir();
    }

    interface Summary {
        /** Time zone of summary schedules (cron times). */
        @WithDefault("UTC")
        String zone();

        /** How far back a summary looks (availability, state changes, the strip). */
        @WithDefault("24h")
        Duration window();

        /** Squares in the strip of recent results: one per slot of window/slots. */
        @WithDefault("12")
        int slots();

        /** Shortest gap between two scheduled summaries a channel may ask for. */
        @WithDefault("1h")
        Duration minInterval();
    }

    interface DeclaredSummary {
        /** Channel id (C…). */
        String channel();

        /** 5-field Unix cron ({@code 0 9 * * MON-FRI}) or Quartz with seconds ({@code 0 0 9 * * MON-FRI}). */
        String cron();
    }

    interface Probe {
        /** Per-probe time limit when a command gives no --timeout. */
        @WithDefault("3s")
        Duration timeout();

        /** Shortest --timeout accepted. */
        @WithDefault("100ms")
        Duration minTimeout();

        /** Longest --timeout accepted. */
        @WithDefault("30s")
        Duration maxTimeout();

        /** Most real servers one check may probe. */
        @WithDefault("64")
        int maxBackends();

        /** Probes running at once across all checks; beyond this they queue. */
        @WithDefault("128")
        int maxParallel();

        /**
         * Call out certificates that expire within this many days: {@code tls}/{@code http} (unless --warn-days),
         * and a note on a healthy {@code vip --tls}.
         */
        @WithDefault("14")
        int certWarnDays();

        /** {@code listen}: the longest --for accepted. */
        @WithDefault("5m")
        Duration maxListen();

        /** {@code listen}: how long to listen when no --for is given. */
        @WithDefault("60s")
        Duration defaultListen();

        /**
         * {@code vip}/{@code http}: the most response body bytes read per request. The body is read to its
         * end (Content-Length, chunked, or the close) up to this bound, so a body that stalls — a path MTU
         * black hole, a stuck server — is seen; it is counted, never kept (error pages excepted).
         */
        @WithDefault("65536")
        int maxBody();

        /** {@code ping}: the most echo requests one check may send (--count). */
        @WithDefault("20")
        int maxPings();

        /** {@code trace}: the highest TTL probed. */
        @WithDefault("30")
        int maxHops();

        /**
         * {@code vip} (and {@code tcp}, {@code tls}, {@code http} for their target): also measure the VIP address's
         * own host — two ICMP echoes and one SYN to {@code vip-host-port} — so that who answered the VIP port (the
         * VIP host, a device in the path speaking in its name, or a server behind a NAT) is decided from its own
         * packets. Both pass the target policy.
         */
        @WithDefault("true")
        boolean measureVipHost();

        /** The second port for that measurement; a closed port makes the host's kernel answer RST. */
        @WithDefault("9")
        int vipHostPort();
    }

    /** How certificates are judged ({@code vip --tls}, {@code tls}, {@code http}). */
    interface Tls {
        /**
         * A PEM file of extra CAs to trust on top of the JVM's system store, for private CAs (default none).
         * Read once at start-up: a missing, unreadable or invalid file stops netcheck with a message saying which.
         */
        Optional<String> caBundle();
    }

    interface Capture {
        /** Capture packets during checks (needs CAP_NET_RAW and libpcap; without them checks still run). */
        @WithDefault("true")
        boolean enabled();

        /** Bytes kept per packet. 128 keeps Ethernet+IPv6+TCP headers and no payload: no cookies or tokens. */
        @WithDefault("128")
        int snaplen();

        /**
         * Keep capturing up to this long after the probes end, for late RSTs and retransmits; capture stops
         * earlier once every packet the kernel queued for it has been read and the wire has been quiet for 25 ms.
         */
        @WithDefault("150ms")
        Duration linger();

        /**
         * Keep TCP payload (up to the snaplen) in captures. Off by default: reports and .pcap files then hold
         * protocol headers only, so no cookie or token can leak into a Slack thread.
         */
        @WithDefault("false")
        boolean keepPayload();

        /** Where .pcap files are written; defaults to the JVM's temporary directory. */
        Optional<String> directory();
    }

    /**
     * Which targets the bot may probe. Enforced for Slack (and scheduled) checks; CLI runs are exempt — their
     * user already has a shell on the host — unless {@code -Dnetcheck.policy.enabled=true} is given.
     */
    interface Policy {
        @WithDefault("true")
        boolean enabled();

        /** Address blocks targets must be in; empty: any address not denied. */
        Optional<List<String>> allowCidrs();

        /**
         * Address blocks never probed: link-local and cloud metadata, loopback, "this network", multicast,
         * broadcast. Kept apart from deny-cidrs so adding a denial never drops these; change it only deliberately.
         */
        @WithDefault(TargetPolicy.DEFAULT_DENY)
        List<String> builtinDeny();

        /** More address blocks never probed, on top of builtin-deny. */
        Optional<List<String>> denyCidrs();

        /** Ports targets may use, e.g. 80,443,8000-8999; empty: any port not denied. */
        Optional<List<String>> allowPorts();

        /** Ports never probed. */
        Optional<List<String>> denyPorts();
    }

    interface Slack {
        /**
         * {@code auto}: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode when SLACK_SIGNING_SECRET is
         * set, else off. {@code socket}, {@code http} or {@code off} force a mode.
         */
        @WithDefault("auto")
        SlackMode mode();

        /** Checks run at once for Slack users; more wait in the queue. */
        @WithDefault("4")
        int workers();

        /** Checks one Slack user may have running or queued at once. */
        @WithDefault("2")
        int perUser();

        /** Checks that may wait for a worker; beyond this users are told to try again. */
        @WithDefault("16")
        int queue();

        /** At most one in-place update of a run's status card per interval. */
        @WithDefault("1s")
        Duration progressInterval();

        /** Attempts per Slack API call (429s wait Retry-After, 5xx and timeouts back off). */
        @WithDefault("5")
        int maxAttempts();

        /** First back-off after a 5xx or timeout; doubles each attempt. */
        @WithDefault("500ms")
        Duration retryBackoff();

        /** Longest Retry-After netcheck honours before giving up on a call. */
        @WithDefault("60s")
        Duration maxRetryAfter();

        /**
         * Longest one HTTP call to Slack may take — Web API methods, file uploads and response_url posts alike:
         * the whole call (connect, send, wait for the answer, read it) and each wait for bytes within it. A call
         * that runs over fails as a timeout and is retried like a 5xx ({@link #maxAttempts()}, {@link
         * #retryBackoff()}), so a Slack that stops answering cannot hold a worker, and the run it serves, for
         * ever. Without it the Slack client would bound each read at 10 s but not the call as a whole.
         */
        @WithDefault("10s")
        Duration httpTimeout();
    }

    enum SlackMode {
        AUTO, SOCKET, HTTP, OFF
    }

    interface TeamSettings {
        Optional<String> name();

        Optional<String> slackGroup();
    }
}

package io.netcheck.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.kind.CheckKinds;
import io.netcheck.command.Cron;
import io.netcheck.command.DurationText;
import io.netcheck.command.Limits;
import io.netcheck.command.UsageException;
import io.netcheck.command.WatchLimits;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.helm.Manifests.Doc;
import io.netcheck.helm.Manifests.Node;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lints and renders helm/netcheck with the embedded Helm of helm-java (no cluster, no network) and checks
 * what reaches Kubernetes: capabilities, secrets, probes, writable paths, Services and policies.
 */
class HelmChartTest {
    static final Path CHART = Path.of("helm", "netcheck").toAbsolutePath();
    static final String RELEASE = "nc";
    static final String NAMESPACE = "tools";
    static final String FULLNAME = "nc-netcheck";

    @TempDir
    Path tmp;

    @BeforeAll
    static void helmNeedsAnExistingTmpdir() throws IOException {
        // helm-java unpacks its native library into java.io.tmpdir.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Stream<Path> ciValues() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList().stream();
        }
    }

    // --- lint ---------------------------------------------------------------------------------------

    @Test
    void lintPassesStrictWithDefaultValues() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertFalse(result.isFailed(), () -> String.join("\n", result.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void lintPassesStrictWithEachCiValuesFile(Path values) throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is Helm's own merge of the
        // chart's values and the CI file (what `helm lint --strict -f` would lint).
        Path copy = copyChart(tmp.resolve("chart"));
        Path dump = copy.resolve("templates/zz-merged-values.yaml");
        Files.writeString(dump, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: merged-values
                data:
                  values.yaml: |
                    {{- toYaml .Values | nindent 4 }}
                """);
        String merged = Manifests.parse(template(copy).withValuesFile(values).call()).all().stream()
                .filter(d -> d.name().equals("merged-values")).findFirst().orElseThrow()
                .node().at("data", "values.yaml").text();
        Files.delete(dump);
        Files.writeString(copy.resolve("values.yaml"), merged);

        LintResult result = new Helm(copy).lint().strict().call();
        assertFalse(result.isFailed(), () -> values.getFileName() + ":\n" + String.join("\n", result.getMessages()));
    }

    // --- every scenario -----------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("ciValues")
    void everyCiScenarioRendersALockedDownPod(Path values) {
        Manifests m = render(values);
        Node ctx = m.container().at("securityContext");
        assertEquals("true", ctx.scalar("readOnlyRootFilesystem"));
        assertEquals("false", ctx.scalar("allowPrivilegeEscalation"));
        assertEquals(List.of("ALL"), ctx.strings("capabilities", "drop"));
        assertTrue(ctx.strings("capabilities", "add").stream().allMatch("NET_RAW"::equals), ctx.text());
        assertEquals("RuntimeDefault", m.podSpec().scalar("securityContext", "seccompProfile", "type"));
        assertEquals("false", m.podSpec().scalar("automountServiceAccountToken"));
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void everyCiScenarioKeepsSlackEnvInSecretKeyRefs(Path values) {
        Manifests m = render(values);
        for (String name : List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")) {
            Node env = m.container().item("name", name, "env");
            assertFalse(env.has("value"), name + " must not be a literal value");
            assertTrue(env.has("valueFrom", "secretKeyRef", "name"), env.text());
        }
    }

    // --- capture and security context ----------------------------------------------------------------

    @Test
    void captureAddsNetRawAndDropsEverythingElse() {
        Node caps = render().container().at("securityContext", "capabilities");
        assertEquals(List.of("NET_RAW"), caps.strings("add"));
        assertEquals(List.of("ALL"), caps.strings("drop"));
    }

    @Test
    void captureRunsAsUser185ThroughTheLauncherWithTheFileCapability() {
        Manifests m = render();
        Node pod = m.podSpec().at("securityContext");
        assertEquals("true", pod.scalar("runAsNonRoot"));
        assertEquals("185", pod.scalar("runAsUser"));
        assertEquals("185", pod.scalar("fsGroup"));
        // Started directly (no shell), so the file capability survives allowPrivilegeEscalation: false.
        // With the class-data archive the image built for the server (missing in another image: ignored).
        assertEquals(List.of("java-netraw", "-XX:SharedArchiveFile=/deployments/netcheck-server.jsa", "-Xshare:auto",
                "-jar", "/deployments/quarkus-run.jar"), m.container().strings("command"));
        assertEquals(List.of("serve"), m.container().strings("args"));
        assertEquals("true", m.applicationProperties().getProperty("netcheck.capture.enabled"));
    }

    @Test
    void captureDisabledAddsNoCapabilityAndStartsPlainJava() {
        // A cap_net_raw+ep launcher cannot even exec without NET_RAW in the bounding set.
        Manifests m = render(Map.of("capture.enabled", "false"));
        Node ctx = m.container().at("securityContext");
        assertFalse(ctx.has("capabilities", "add"), ctx.text());
        assertEquals(List.of("ALL"), ctx.strings("capabilities", "drop"));
        assertEquals("java", m.container().strings("command").get(0));
        assertEquals("false", m.applicationProperties().getProperty("netcheck.capture.enabled"));
    }

    @Test
    void privilegedCaptureRunsAsRootWithOnlyNetRaw() {
        Manifests m = render(ci("privileged-capture-values.yaml"));
        Node pod = m.podSpec().at("securityContext");
        assertEquals("false", pod.scalar("runAsNonRoot"));
        assertEquals("0", pod.scalar("runAsUser"));
        Node ctx = m.container().at("securityContext");
        assertEquals("0", ctx.scalar("runAsUser"));
        assertEquals(List.of("NET_RAW"), ctx.strings("capabilities", "add"));
        assertEquals(List.of("ALL"), ctx.strings("capabilities", "drop"));
        assertEquals("java", m.container().strings("command").get(0));
        assertEquals("256", m.applicationProperties().getProperty("netcheck.capture.snaplen"));
    }

    // --- secrets ------------------------------------------------------------------------------------

    @Test
    void existingSecretRendersNoSecretAndTheEnvPointsAtIt() {
        Manifests m = render(ci("existing-secret-values.yaml"));
        assertFalse(m.has("Secret"));
        Node container = m.container();
        assertSecretRef(container, "SLACK_BOT_TOKEN", "netcheck-slack", "bot-token");
        assertSecretRef(container, "SLACK_APP_TOKEN", "netcheck-slack", "app-token");
        assertSecretRef(container, "SLACK_SIGNING_SECRET", "netcheck-slack", "signing-secret");
        assertEquals("https://slack-proxy.example.com/api/", container.item("name", "SLACK_API_URL", "env").scalar("value"));
        assertFalse(m.one("Deployment").node().has("spec", "template", "metadata", "annotations", "checksum/secret"));
    }

    @Test
    void chartSecretHoldsTheTokensUnderTheConfiguredKeys() {
        Manifests m = render(Map.of("slack.botToken", "xoxb-1", "slack.appToken", "xapp-2",
                "slack.signingSecret", "s3", "slack.secretKeys.botToken", "bot"));
        Node data = m.one("Secret").node().at("data");
        assertEquals("xoxb-1", decode(data.scalar("bot")));
        assertEquals("xapp-2", decode(data.scalar("SLACK_APP_TOKEN")));
        assertEquals("s3", decode(data.scalar("SLACK_SIGNING_SECRET")));
        assertSecretRef(m.container(), "SLACK_BOT_TOKEN", FULLNAME, "bot");
    }

    @Test
    void tokensAppearNowhereButInTheSecret() {
        Map<String, String> tokens = Map.of("slack.botToken", "xoxb-sentinel-bot",
                "slack.appToken", "xapp-sentinel-app", "slack.signingSecret", "sentinel-signing");
        Manifests m = render(tokens);
        for (String token : tokens.values()) {
            String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
            for (Doc doc : m.all()) {
                assertFalse(doc.text().contains(token), token + " leaked into " + doc.source());
                if (!doc.kind().equals("Secret")) {
                    assertFalse(doc.text().contains(encoded), token + " (base64) leaked into " + doc.source());
                }
            }
            assertTrue(m.one("Secret").text().contains(encoded), "the Secret holds " + token);
        }
        Properties props = m.applicationProperties();
        props.values().forEach(v -> assertFalse(tokens.containsValue(v.toString()), "ConfigMap holds a token"));
    }

    @Test
    void socketModeRequiresTheAppTokenAndHttpModeTheSigningSecret() {
        Node socket = render().container();
        assertEquals("false", socket.item("name", "SLACK_APP_TOKEN", "env").scalar("valueFrom", "secretKeyRef", "optional"));
        assertEquals("true", socket.item("name", "SLACK_SIGNING_SECRET", "env").scalar("valueFrom", "secretKeyRef", "optional"));
        Node http = render(ci("http-mode-values.yaml")).container();
        assertEquals("true", http.item("name", "SLACK_APP_TOKEN", "env").scalar("valueFrom", "secretKeyRef", "optional"));
        assertEquals("false", http.item("name", "SLACK_SIGNING_SECRET", "env").scalar("valueFrom", "secretKeyRef", "optional"));
    }

    // --- probes and ports ---------------------------------------------------------------------------

    @Test
    void healthProbesUseTheNamedPortTheContainerDeclares() {
        Node container = render().container();
        Node port = container.item("name", "http", "ports");
        assertEquals("8080", port.scalar("containerPort"));
        assertEquals("/q/health/live", container.scalar("livenessProbe", "httpGet", "path"));
        assertEquals("/q/health/ready", container.scalar("readinessProbe", "httpGet", "path"));
        assertEquals("/q/health/live", container.scalar("startupProbe", "httpGet", "path"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("http", container.scalar(probe, "httpGet", "port"), probe);
        }
    }

    @Test
    void resourcesRequestCpuAndMemoryAndLimitMemory() {
        Node resources = render().container().at("resources");
        assertEquals("100m", resources.scalar("requests", "cpu"));
        assertEquals("192Mi", resources.scalar("requests", "memory"));
        assertEquals("384Mi", resources.scalar("limits", "memory"));
    }

    /** The JVM options and malloc arenas measured by bench/slack-bench.sh --chart-memory (README, "Start-up and memory"). */
    @Test
    void theBotStartsWithTheMeasuredMemorySettings() {
        Manifests m = render();
        List<String> options = List.of(env(m, "JAVA_TOOL_OPTIONS").split(" "));
        assertTrue(options.containsAll(List.of("-XX:MaxRAMPercentage=50", "-XX:MinHeapFreeRatio=20",
                "-XX:MaxHeapFreeRatio=40", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:CompileThresholdScaling=3", "-XX:ActiveProcessorCount=2", "-Xss512k", "-XX:ReservedCodeCacheSize=32m")), options.toString());
        assertEquals("2", env(m, "MALLOC_ARENA_MAX"));
        assertEquals("8", env(render(Map.of("mallocArenaMax", "8")), "MALLOC_ARENA_MAX"));
        List<String> names = render(Map.of("mallocArenaMax", "")).container().items("env").stream()
                .map(e -> e.scalar("name")).toList();
        assertFalse(names.contains("MALLOC_ARENA_MAX"), "empty: glibc's default, " + names);
        assertThrows(Exception.class, () -> render(Map.of("mallocArenaMax", "two")));
    }

    // --- volumes and writable paths -----------------------------------------------------------------

    @Test
    void dataVolumeIsAPvcMountedAtData() {
        Manifests m = render();
        assertEquals("/data", m.container().item("name", "data", "volumeMounts").scalar("mountPath"));
        Doc pvc = m.one("PersistentVolumeClaim");
        assertEquals(pvc.name(), m.podSpec().item("name", "data", "volumes").scalar("persistentVolumeClaim", "claimName"));
        assertEquals("1Gi", pvc.node().scalar("spec", "resources", "requests", "storage"));
        assertEquals(List.of("ReadWriteOnce"), pvc.node().strings("spec", "accessModes"));
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void storeCapturesAndTmpdirLiveOnWritableMounts(Path values) {
        Manifests m = render(values);
        List<String> volumes = m.podSpec().items("volumes").stream().map(v -> v.scalar("name")).toList();
        m.container().items("volumeMounts").forEach(v -> assertTrue(volumes.contains(v.scalar("name")),
                "mount " + v.scalar("name") + " has no volume in " + volumes));
        List<String> writable = m.container().items("volumeMounts").stream()
                .filter(v -> !v.has("readOnly") || !v.scalar("readOnly").equals("true"))
                .map(v -> v.scalar("mountPath")).toList();
        assertTrue(writable.containsAll(List.of("/data", "/tmp")), writable.toString());

        Properties props = m.applicationProperties();
        assertUnder(writable, props.getProperty("netcheck.capture.directory"));
        String store = env(m, "NETCHECK_STORE_URL");
        if (store.startsWith("jdbc:h2:file:")) {
            assertUnder(writable, store.substring("jdbc:h2:file:".length()).split(";")[0]);
        }
        String javaOptions = env(m, "JAVA_TOOL_OPTIONS");
        Matcher tmpdir = Pattern.compile("-Djava\\.io\\.tmpdir=(\\S+)").matcher(javaOptions);
        assertTrue(tmpdir.find(), javaOptions);
        assertUnder(writable, tmpdir.group(1));
    }

    @Test
    void configMapIsMountedWhereQuarkusReadsIt() {
        Manifests m = render();
        Node mount = m.container().item("name", "config", "volumeMounts");
        assertEquals("/deployments/config", mount.scalar("mountPath"));
        assertEquals("true", mount.scalar("readOnly"));
        assertEquals(m.one("ConfigMap").name(), m.podSpec().item("name", "config", "volumes").scalar("configMap", "name"));
        assertTrue(m.one("ConfigMap").node().has("data", "application.properties"));
    }

    @Test
    void postgresReplacesThePvcAndTakesThePasswordFromItsSecret() {
        Manifests m = render(ci("postgres-values.yaml"));
        assertFalse(m.has("PersistentVolumeClaim"));
        assertTrue(m.podSpec().item("name", "data", "volumes").has("emptyDir"));
        assertEquals("jdbc:postgresql://postgres.db.svc:5432/netcheck", env(m, "NETCHECK_STORE_URL"));
        assertEquals("netcheck", env(m, "NETCHECK_STORE_USERNAME"));
        assertSecretRef(m.container(), "NETCHECK_STORE_PASSWORD", "netcheck-db", "password");
    }

    @Test
    void aCaBundleGoesIntoTheConfigMapAndIsTrusted() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
        Manifests m = render(Map.of("tls.caBundle", pem));
        assertEquals("/deployments/config/ca-bundle.pem", m.applicationProperties().getProperty("netcheck.tls.ca-bundle"));
        assertTrue(m.one("ConfigMap").node().scalar("data", "ca-bundle.pem").contains("BEGIN CERTIFICATE"),
                m.one("ConfigMap").node().text());
        assertNull(render().applicationProperties().getProperty("netcheck.tls.ca-bundle"), "no bundle by default");
    }

    @Test
    void aCaBundleThatIsNotPemIsRefused() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("tls.caBundle", "not a certificate")));
        assertTrue(e.getMessage().contains("caBundle"), e.getMessage());
    }

    @Test
    void postgresWithoutAPasswordSecretFailsWithAClearMessage() {
        Exception e = assertThrows(Exception.class,
                () -> render(Map.of("database.url", "jdbc:postgresql://db:5432/netcheck")));
        assertTrue(e.getMessage().contains("database.existingSecret"), e.getMessage());
    }

    // --- configuration ------------------------------------------------------------------------------

    @Test
    void defaultConfigurationMatchesTheAppDefaults() {
        Manifests m = render();
        Properties props = m.applicationProperties();
        assertEquals("3s", props.getProperty("netcheck.probe.timeout"));
        assertEquals("64", props.getProperty("netcheck.probe.max-backends"));
        assertEquals("128", props.getProperty("netcheck.capture.snaplen"));
        assertEquals("false", props.getProperty("netcheck.capture.keep-payload"));
        assertEquals("/data/captures", props.getProperty("netcheck.capture.directory"));
        assertEquals("socket", env(m, "NETCHECK_SLACK_MODE"));
        assertEquals("jdbc:h2:file:/data/netcheck", env(m, "NETCHECK_STORE_URL"));

        // The chart writes out the watch, summary and store settings: they must be the app's own defaults.
        NetcheckConfig chart = asTheAppReadsIt(props);
        NetcheckConfig app = asTheAppReadsIt(new Properties());
        assertEquals(app.watch().confirm(), chart.watch().confirm());
        assertEquals(app.watch().defaultEvery(), chart.watch().defaultEvery());
        assertEquals(app.watch().minEvery(), chart.watch().minEvery());
        assertEquals(app.watch().maxEvery(), chart.watch().maxEvery());
        assertEquals(app.watch().maxPerChannel(), chart.watch().maxPerChannel());
        assertEquals(Optional.empty(), chart.watch().incidentChannel());
        assertEquals(app.summary().zone(), chart.summary().zone());
        assertEquals(app.summary().window(), chart.summary().window());
        assertEquals(app.summary().minInterval(), chart.summary().minInterval());
        assertEquals(app.store().retention(), chart.store().retention());
        assertEquals(Map.of(), chart.watches());
        assertEquals(Optional.empty(), chart.summaries());
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void renderedPropertiesAreAcceptedByTheAppsConfigMapping(Path values) {
        // netcheck stops at startup on a netcheck.* key it does not map: check against the real mapping.
        NetcheckConfig netcheck = asTheAppReadsIt(render(values).applicationProperties());
        assertEquals(Duration.ofSeconds(3), netcheck.probe().timeout());
        assertEquals(Optional.of("/data/captures"), netcheck.capture().directory());
    }

    @Test
    void teamsAndOwnersReachTheAppsConfigMapping() {
        NetcheckConfig netcheck = asTheAppReadsIt(render(ci("http-mode-values.yaml")).applicationProperties());
        assertEquals(Optional.of("S0123ABCD"), netcheck.team().get("network").slackGroup());
        assertEquals("network", netcheck.owner().get("HOST_UNREACHABLE"));
    }

    @Test
    void declaredWatchesSummariesAndTheirSettingsReachTheAppsConfigMapping() {
        NetcheckConfig netcheck = asTheAppReadsIt(render(ci("watches-values.yaml")).applicationProperties());
        assertEquals(2, netcheck.watches().size(), netcheck.watches().keySet().toString());
        NetcheckConfig.DeclaredWatch vip = netcheck.watches().get("checkout-vip");
        assertEquals("C0123ABCD", vip.channel());
        assertEquals("vip checkout.example.com:443 --backends 10.0.1.10:443,10.0.1.11:443", vip.command());
        assertEquals(Optional.of(Duration.ofMinutes(5)), vip.every());
        NetcheckConfig.DeclaredWatch db = netcheck.watches().get("db.primary");
        assertEquals("G0456EFGH", db.channel());
        assertEquals("tcp db.example.com:5432", db.command());
        assertEquals(Optional.empty(), db.every(), "no every: the app uses watch.default-every");

        List<NetcheckConfig.DeclaredSummary> summaries = netcheck.summaries().orElseThrow();
        assertEquals(2, summaries.size());
        assertEquals("C0123ABCD", summaries.get(0).channel());
        assertEquals("0 9 * * MON-FRI", summaries.get(0).cron());
        assertEquals("G0456EFGH", summaries.get(1).channel());
        assertEquals("0 30 8 * * *", summaries.get(1).cron());

        NetcheckConfig.Watch watch = netcheck.watch();
        assertEquals(Optional.of("C0999INCDT"), watch.incidentChannel());
        assertEquals(3, watch.confirm());
        assertEquals(Duration.ofMinutes(10), watch.defaultEvery());
        assertEquals(Duration.ofMinutes(2), watch.minEvery());
        assertEquals(Duration.ofHours(12), watch.maxEvery());
        assertEquals(5, watch.maxPerChannel());
        assertEquals("Europe/Paris", netcheck.summary().zone());
        assertEquals(Duration.ofHours(12), netcheck.summary().window());
        assertEquals(Duration.ofHours(4), netcheck.summary().minInterval());
        assertEquals(Duration.ofDays(30), netcheck.store().retention());
    }

    @Test
    void declaredWatchesAndSummariesOfTheCiScenarioPassTheAppsOwnChecks() throws UsageException {
        // The app logs and skips a declared watch its parser refuses (ConfiguredWatches), and a summary whose
        // cron it cannot parse: the pod starts anyway, so check the scenario's entries the same way here.
        NetcheckConfig netcheck = asTheAppReadsIt(render(ci("watches-values.yaml")).applicationProperties());
        var p = netcheck.probe();
        var w = netcheck.watch();
        CommandParser parser = CheckKinds.parser(new Limits(p.maxBackends(), p.minTimeout(), p.maxTimeout(),
                p.timeout(), p.certWarnDays(), p.maxListen(), p.defaultListen(), p.maxPings(), p.maxHops()),
                new WatchLimits(w.defaultEvery(), w.minEvery(), w.maxEvery(), netcheck.summary().minInterval()));
        for (var e : netcheck.watches().entrySet()) {
            List<String> words = new ArrayList<>(List.of("watch", "add"));
            words.addAll(List.of(e.getValue().command().strip().split("\\s+")));
            words.addAll(List.of("--name", e.getKey(), "--every",
                    DurationText.format(e.getValue().every().orElse(w.defaultEvery()))));
            assertTrue(parser.parse(words) instanceof Command.WatchAdd, e.getKey());
        }
        for (NetcheckConfig.DeclaredSummary summary : netcheck.summaries().orElseThrow()) {
            Cron.parse(summary.cron());
        }
    }

    @Test
    void optionalSettingsAreRenderedOnlyWhenSet() {
        Properties props = render().applicationProperties();
        assertTrue(props.stringPropertyNames().stream().noneMatch(k -> k.startsWith("netcheck.policy.")
                || k.startsWith("netcheck.watches.") || k.startsWith("netcheck.summaries")
                || k.equals("netcheck.watch.incident-channel")), props.toString());
        Properties watches = render(ci("watches-values.yaml")).applicationProperties();
        assertFalse(watches.containsKey("netcheck.watches.\"db.primary\".every"), watches.toString());
    }

    @Test
    void teamsAndOwnersRenderAsNetcheckProperties() {
        Properties props = render(ci("http-mode-values.yaml")).applicationProperties();
        assertEquals("Network team", props.getProperty("netcheck.team.network.name"));
        assertEquals("S0123ABCD", props.getProperty("netcheck.team.network.slack-group"));
        assertEquals("network", props.getProperty("netcheck.owner.HOST_UNREACHABLE"));
    }

    @Test
    void policyAndExtraConfigRenderAsNetcheckProperties() {
        Properties props = render(ci("networkpolicy-servicemonitor-values.yaml")).applicationProperties();
        assertEquals("10.0.0.0/8,2001:db8::/32", props.getProperty("netcheck.policy.allow-cidrs"));
        assertEquals("10.0.0.0/24", props.getProperty("netcheck.policy.deny-cidrs"));
        assertEquals("443,8000-8999", props.getProperty("netcheck.policy.allow-ports"));
        assertEquals("DEBUG", props.getProperty("quarkus.log.category.\"io.netcheck\".level"));
    }

    @Test
    void watchesSummariesAndTheirSettingsRenderAsNetcheckProperties() {
        Properties props = render(ci("watches-values.yaml")).applicationProperties();
        assertEquals("C0123ABCD", props.getProperty("netcheck.watches.\"checkout-vip\".channel"));
        assertEquals("vip checkout.example.com:443 --backends 10.0.1.10:443,10.0.1.11:443",
                props.getProperty("netcheck.watches.\"checkout-vip\".command"));
        assertEquals("5m", props.getProperty("netcheck.watches.\"checkout-vip\".every"));
        assertEquals("G0456EFGH", props.getProperty("netcheck.watches.\"db.primary\".channel"));
        assertEquals("C0123ABCD", props.getProperty("netcheck.summaries[0].channel"));
        assertEquals("0 9 * * MON-FRI", props.getProperty("netcheck.summaries[0].cron"));
        assertEquals("0 30 8 * * *", props.getProperty("netcheck.summaries[1].cron"));
        assertEquals("C0999INCDT", props.getProperty("netcheck.watch.incident-channel"));
        assertEquals("3", props.getProperty("netcheck.watch.confirm"));
        assertEquals("10m", props.getProperty("netcheck.watch.default-every"));
        assertEquals("5", props.getProperty("netcheck.watch.max-per-channel"));
        assertEquals("Europe/Paris", props.getProperty("netcheck.summary.zone"));
        assertEquals("12h", props.getProperty("netcheck.summary.window"));
        assertEquals("30d", props.getProperty("netcheck.store.retention"));
        // The old keys collided with the netcheck.watch.* and netcheck.summary.* settings.
        assertTrue(props.stringPropertyNames().stream().noneMatch(k -> k.startsWith("netcheck.watch.\"")
                || k.startsWith("netcheck.summary[")), props.toString());
        // Store URL and credentials stay env vars.
        assertTrue(props.stringPropertyNames().stream().noneMatch(k -> k.startsWith("netcheck.store.")
                && !k.equals("netcheck.store.retention")), props.toString());
    }

    @Test
    void twoWatchesWithOneNameFailWithAClearMessage() {
        Exception e = assertThrows(Exception.class, () -> render(ci("watches-values.yaml"),
                Map.of("watches[1].name", "checkout-vip")));
        assertTrue(e.getMessage().contains("\"checkout-vip\" is declared twice"), e.getMessage());
    }

    @Test
    void twoSummarySchedulesForOneChannelFailWithAClearMessage() {
        Exception e = assertThrows(Exception.class, () -> render(ci("watches-values.yaml"),
                Map.of("summaries[1].channel", "C0123ABCD")));
        assertTrue(e.getMessage().contains("channel C0123ABCD has two schedules"), e.getMessage());
    }

    @Test
    void configValuesAreEscapedForThePropertiesFormat() {
        Properties props = render(Map.of("extraConfig.netcheck\\.note", "a\\b")).applicationProperties();
        assertEquals("a\\b", props.getProperty("netcheck.note"));
    }

    @Test
    void configChangesRollThePod() {
        String before = render().one("Deployment").node()
                .scalar("spec", "template", "metadata", "annotations", "checksum/config");
        String after = render(Map.of("probe.timeout", "5s")).one("Deployment").node()
                .scalar("spec", "template", "metadata", "annotations", "checksum/config");
        assertNotEquals(before, after);
    }

    // --- Service, Ingress, ServiceMonitor, NetworkPolicy --------------------------------------------

    @Test
    void socketModeRendersNoServiceAndNoIngress() {
        Manifests m = render();
        assertFalse(m.has("Service"));
        assertFalse(m.has("Ingress"));
        assertFalse(m.has("ServiceMonitor"));
    }

    @Test
    void httpModeRendersAServiceAndAnIngressForSlackEvents() {
        Manifests m = render(ci("http-mode-values.yaml"));
        Node port = m.one("Service").node().item("name", "http", "spec", "ports");
        assertEquals("8080", port.scalar("port"));
        assertEquals("http", port.scalar("targetPort"));

        Node ingress = m.one("Ingress").node().at("spec");
        assertEquals("nginx", ingress.scalar("ingressClassName"));
        Node rule = ingress.items("rules").get(0);
        assertEquals("netcheck.example.com", rule.scalar("host"));
        List<Node> paths = rule.items("http", "paths");
        assertEquals(1, paths.size(), "only /slack/events is exposed");
        assertEquals("/slack/events", paths.get(0).scalar("path"));
        assertEquals(m.one("Service").name(), paths.get(0).scalar("backend", "service", "name"));
        assertEquals("http", paths.get(0).scalar("backend", "service", "port", "name"));
        assertEquals("netcheck-tls", ingress.items("tls").get(0).scalar("secretName"));
    }

    @Test
    void ingressInSocketModeFailsWithAClearMessage() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("ingress.enabled", "true")));
        assertTrue(e.getMessage().contains("slack.mode=http"), e.getMessage());
    }

    @Test
    void serviceMonitorGetsAMetricsServiceEvenInSocketMode() {
        Manifests m = render(ci("networkpolicy-servicemonitor-values.yaml"));
        assertEquals("socket", env(m, "NETCHECK_SLACK_MODE"));
        assertFalse(m.has("Ingress"));
        Node service = m.one("Service").node();
        assertEquals("http", service.item("name", "http", "spec", "ports").scalar("targetPort"));
        Node monitor = m.one("ServiceMonitor").node();
        Node endpoint = monitor.items("spec", "endpoints").get(0);
        assertEquals("http", endpoint.scalar("port"));
        assertEquals("/q/metrics", endpoint.scalar("path"));
        assertEquals("prometheus", monitor.scalar("metadata", "labels", "release"));
        assertEquals(service.at("spec", "selector").text(), monitor.at("spec", "selector", "matchLabels").text());
    }

    @Test
    void networkPolicyLetsOutDnsHttpsAndThePolicyCidrs() {
        Node spec = render(ci("networkpolicy-servicemonitor-values.yaml")).one("NetworkPolicy").node().at("spec");
        List<Node> egress = spec.items("egress");
        assertTrue(egress.stream().anyMatch(r -> !r.has("to") && portsOf(r).containsAll(List.of("53/UDP", "53/TCP"))));
        assertTrue(egress.stream().anyMatch(r -> !r.has("to") && portsOf(r).equals(List.of("443/TCP"))));
        List<String> cidrs = new ArrayList<>();
        egress.stream().filter(r -> r.has("to")).flatMap(r -> r.items("to").stream())
                .filter(p -> p.has("ipBlock")).forEach(p -> cidrs.add(p.scalar("ipBlock", "cidr")));
        assertTrue(cidrs.containsAll(List.of("10.0.0.0/8", "2001:db8::/32", "198.51.100.10/32")), cidrs.toString());
        // Metrics are scraped, so 8080 is open, to the configured peers only.
        List<Node> ingress = spec.items("ingress");
        assertEquals(1, ingress.size());
        assertEquals(List.of("http/TCP"), portsOf(ingress.get(0)));
        assertTrue(ingress.get(0).has("from"));
    }

    @Test
    void networkPolicyInSocketModeAdmitsNothing() {
        Node spec = render(Map.of("networkPolicy.enabled", "true")).one("NetworkPolicy").node().at("spec");
        assertEquals(List.of("Ingress", "Egress"), spec.strings("policyTypes"));
        assertEquals(List.of(), spec.items("ingress"));
    }

    @Test
    void networkPolicyInHttpModeAdmitsOnlyTheHttpPort() {
        Node spec = render(ci("http-mode-values.yaml"), Map.of("networkPolicy.enabled", "true"))
                .one("NetworkPolicy").node().at("spec");
        List<Node> ingress = spec.items("ingress");
        assertEquals(1, ingress.size());
        assertEquals(List.of("http/TCP"), portsOf(ingress.get(0)));
    }

    // --- schema -------------------------------------------------------------------------------------

    @Test
    void schemaRejectsAnUnknownSlackMode() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("slack.mode", "bogus")));
        assertTrue(e.getMessage().contains("/slack/mode"), e.getMessage());
        assertTrue(e.getMessage().contains("'socket', 'http'"), e.getMessage());
    }

    @Test
    void schemaRequiresAnImageRepository() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("image.repository", "")));
        assertTrue(e.getMessage().contains("/image/repository"), e.getMessage());
    }

    @Test
    void schemaRejectsAMistypedValueName() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("capture.enabeld", "true")));
        assertTrue(e.getMessage().contains("enabeld"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"watches[0].channel=#ops", "watches[0].channel=U0123ABCD", "watches[0].name=Checkout VIP",
            "watches[0].every=5 minutes", "watches[0].command=/netcheck vip a.example.com:443",
            "watches[0].command=", "summaries[0].channel=c0123abcd", "summaries[0].cron=0 9 * *",
            "summaries[0].cron=daily at 9"})
    void schemaRejectsABadWatchOrSummaryEntry(String assignment) {
        String key = assignment.substring(0, assignment.indexOf('='));
        Exception e = assertThrows(Exception.class, () -> render(ci("watches-values.yaml"),
                Map.of(key, assignment.substring(key.length() + 1))));
        String pointer = "/" + key.replace("[", "/").replace("]", "").replace('.', '/');
        assertTrue(e.getMessage().contains(pointer), pointer + " in: " + e.getMessage());
    }

    @Test
    void schemaRequiresTheChannelAndCommandOfADeclaredWatch() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("watches[0].name", "checkout-vip",
                "watches[0].channel", "C0123ABCD")));
        assertTrue(e.getMessage().contains("/watches/0"), e.getMessage());
        assertTrue(e.getMessage().contains("command"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"watch.incidentChannel=incidents", "watch.confirm=0", "watch.minEvery=a minute",
            "summary.window=1 day", "store.retention=forever", "watch.maxPerChannel=0"})
    void schemaRejectsABadWatchSummaryOrStoreSetting(String assignment) {
        String key = assignment.substring(0, assignment.indexOf('='));
        Exception e = assertThrows(Exception.class, () -> render(Map.of(key, assignment.substring(key.length() + 1))));
        String pointer = "/" + key.replace('.', '/');
        assertTrue(e.getMessage().contains(pointer), pointer + " in: " + e.getMessage());
    }

    @Test
    void schemaAllowsOneReplicaAtMostOnH2() {
        // The H2 file on a ReadWriteOnce volume cannot be shared: more pods need PostgreSQL.
        Exception e = assertThrows(Exception.class, () -> render(Map.of("replicaCount", "2")));
        System.out.println("[HelmChartTest] replicaCount 2 on H2: " + e.getMessage());
        assertTrue(e.getMessage().contains("/replicaCount"), e.getMessage());
        assertTrue(e.getMessage().contains("more than one replica needs PostgreSQL (database.url)"), e.getMessage());
        assertEquals("0", render(Map.of("replicaCount", "0")).one("Deployment").node().scalar("spec", "replicas"));
        Manifests one = render();
        assertFalse(one.has("PodDisruptionBudget"), "one replica: no budget");
        assertFalse(one.podSpec().has("affinity"), "one replica: no anti-affinity");
    }

    @Test
    void severalReplicasOnPostgresGetABudgetAndSpreadOverNodes() {
        Map<String, String> pg = Map.of("replicaCount", "3", "database.url", "jdbc:postgresql://pg:5432/netcheck",
                "database.existingSecret", "netcheck-db");
        Manifests m = render(pg);
        assertEquals("3", m.one("Deployment").node().scalar("spec", "replicas"));
        Doc pdb = m.one("PodDisruptionBudget");
        assertEquals("1", pdb.node().scalar("spec", "maxUnavailable"));
        assertEquals(RELEASE, pdb.node().scalar("spec", "selector", "matchLabels", "app.kubernetes.io/instance"));
        Node soft = m.podSpec().at("affinity").at("podAntiAffinity");
        assertTrue(soft.has("preferredDuringSchedulingIgnoredDuringExecution"), soft.text());
        assertTrue(soft.text().contains("topologyKey: kubernetes.io/hostname"), soft.text());
        assertTrue(soft.text().contains("app.kubernetes.io/instance: " + RELEASE), soft.text());

        Map<String, String> hard = new java.util.HashMap<>(pg);
        hard.put("podAntiAffinity", "hard");
        assertTrue(render(hard).podSpec().at("affinity").at("podAntiAffinity")
                .has("requiredDuringSchedulingIgnoredDuringExecution"));
        Map<String, String> own = new java.util.HashMap<>(pg);
        own.put("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                + ".matchExpressions[0].key", "zone");
        assertFalse(render(own).podSpec().at("affinity").has("podAntiAffinity"), "an affinity of your own wins");
    }

    @Test
    void schemaRejectsATeamKeyThatWouldBreakThePropertyName() {
        Exception e = assertThrows(Exception.class, () -> render(Map.of("owners.TLS", "sec.team")));
        assertTrue(e.getMessage().contains("/owners/TLS"), e.getMessage());
    }

    // --- svc/ targets: RBAC and the API token ---------------------------------------------------------

    @Test
    void byDefaultARoleInTheReleaseNamespaceReadsServicesAndEndpointSlicesOnly() {
        Manifests m = render();
        Doc role = m.one("Role");
        assertEquals(NAMESPACE, role.node().scalar("metadata", "namespace"));
        assertEquals(FULLNAME + "-services", role.name());
        List<Node> rules = role.node().items("rules");
        assertEquals(2, rules.size(), role.text());
        assertEquals("[\"services\"]", rules.get(0).scalar("resources"));
        assertEquals("[\"\"]", rules.get(0).scalar("apiGroups"));
        assertEquals("[\"endpointslices\"]", rules.get(1).scalar("resources"));
        assertEquals("[\"discovery.k8s.io\"]", rules.get(1).scalar("apiGroups"));
        rules.forEach(r -> assertEquals("[\"get\", \"list\", \"watch\"]", r.scalar("verbs")));
        Doc binding = m.one("RoleBinding");
        assertEquals(FULLNAME + "-services", binding.node().scalar("roleRef", "name"));
        assertEquals(FULLNAME, binding.node().items("subjects").get(0).scalar("name"));
        assertEquals(NAMESPACE, binding.node().items("subjects").get(0).scalar("namespace"));
        assertFalse(m.has("ClusterRole"), "no cluster-wide permission unless asked");
        // The token reaches netcheck's container only, through a projected volume.
        assertEquals("false", m.podSpec().scalar("automountServiceAccountToken"));
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount",
                m.container().item("name", "kube-api-access", "volumeMounts").scalar("mountPath"));
        assertTrue(m.podSpec().item("name", "kube-api-access", "volumes").text().contains("serviceAccountToken"));
        assertEquals("true", m.applicationProperties().getProperty("netcheck.kubernetes.enabled"));
    }

    @Test
    void aRolePerNamespaceGivenAndNodesOnlyWhenAsked() {
        Manifests m = render(ci("kubernetes-values.yaml"));
        assertEquals(List.of("shop", "web", "tools"), m.ofKind("Role").stream()
                .map(d -> d.node().scalar("metadata", "namespace")).toList());
        assertEquals(3, m.ofKind("RoleBinding").size());
        m.ofKind("RoleBinding").forEach(b -> assertEquals(NAMESPACE, b.node().items("subjects").get(0)
                .scalar("namespace"), "the subject is the service account in the release's namespace"));
        Doc nodes = m.one("ClusterRole");
        assertEquals(FULLNAME + "-nodes", nodes.name());
        assertEquals("[\"nodes\"]", nodes.node().items("rules").get(0).scalar("resources"));
        assertEquals("[\"get\"]", nodes.node().items("rules").get(0).scalar("verbs"));
        NetcheckConfig netcheck = asTheAppReadsIt(m.applicationProperties());
        assertEquals(Map.of("C0123ABCD", List.of("shop", "web"), "*", List.of("tools")),
                netcheck.kubernetes().channelNamespaces());
        assertEquals(Duration.ofSeconds(3), netcheck.kubernetes().timeout());
    }

    @Test
    void clusterWideIsOneClusterRole() {
        Manifests m = render(Map.of("kubernetes.clusterWide", "true"));
        assertFalse(m.has("Role"));
        Doc role = m.one("ClusterRole");
        assertEquals(FULLNAME + "-services", role.name());
        assertEquals("[\"endpointslices\"]", role.node().items("rules").get(1).scalar("resources"));
        assertEquals(FULLNAME + "-services", m.one("ClusterRoleBinding").node().scalar("roleRef", "name"));
    }

    @Test
    void kubernetesDisabledGrantsNothingAndMountsNoToken() {
        Manifests m = render(Map.of("kubernetes.enabled", "false", "kubernetes.readNodes", "true"));
        for (String kind : List.of("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding")) {
            assertFalse(m.has(kind), kind);
        }
        assertFalse(m.container().text().contains("kube-api-access"));
        assertFalse(m.podSpec().text().contains("serviceAccountToken"));
        assertEquals("false", m.applicationProperties().getProperty("netcheck.kubernetes.enabled"));
        assertFalse(asTheAppReadsIt(m.applicationProperties()).kubernetes().enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes.namespaces[0]=Shop", "kubernetes.timeout=5 seconds",
            "kubernetes.channelNamespaces.general[0]=shop", "kubernetes.clusterWide=yes"})
    void schemaRejectsABadKubernetesSetting(String assignment) {
        String key = assignment.substring(0, assignment.indexOf('='));
        Exception e = assertThrows(Exception.class, () -> render(Map.of(key, assignment.substring(key.length() + 1))));
        // Helm names the path, except for a bad map key, which it names itself ('general').
        assertTrue(e.getMessage().contains("/kubernetes/") || e.getMessage().contains("'general'"), e.getMessage());
    }

    // --- notes and documentation --------------------------------------------------------------------

    @Test
    void notesTellTheNextSteps() {
        String notes = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE)
                .dryRun().clientOnly().set("slack.existingSecret", "netcheck-slack").call().getOutput();
        assertTrue(notes.contains("/netcheck help"), notes);
        assertTrue(notes.contains("invite the bot to a channel"), notes);
        // The launcher's lean start (no Quarkus, the image's class-data archive), with the pod's capture rights.
        assertTrue(notes.contains("kubectl -n tools exec deploy/nc-netcheck -- netcheck vip HOST:PORT"), notes);
        assertFalse(notes.contains("quarkus-run.jar vip"), notes);
        assertTrue(notes.contains("/netcheck watch help"), notes);
        assertTrue(notes.contains("Store: H2 file /data/netcheck on the PVC nc-netcheck-data"), notes);
        assertFalse(notes.contains("WARNING"), notes);
    }

    @Test
    void notesWarnThatAnH2StoreOnAnEmptyDirIsLostWithThePod() {
        String notes = new Helm(CHART).install().withName(RELEASE).withNamespace(NAMESPACE).dryRun().clientOnly()
                .set("slack.existingSecret", "netcheck-slack").set("persistence.enabled", "false")
                .set("watch.incidentChannel", "C0999INCDT").call().getOutput();
        assertTrue(notes.contains("WARNING: persistence.enabled is false"), notes);
        assertTrue(notes.contains("also go to channel C0999INCDT"), notes);
    }

    @Test
    void everyValueHasACommentAndARowInTheReadme() throws IOException {
        List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"));
        String readme = Files.readString(CHART.resolve("README.md"));
        List<String> undocumented = new ArrayList<>();
        List<String> missingRows = new ArrayList<>();
        checkDocumented(lines, 0, lines.size(), "", undocumented, missingRows, readme);
        assertEquals(List.of(), undocumented, "values without a ## comment");
        assertEquals(List.of(), missingRows, "values without a row in README.md");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static final Pattern VALUE_KEY = Pattern.compile("^( *)([A-Za-z][\\w.-]*):(.*)$");

    /**
     * A value is documented by a ## line right above it. A section (a key whose block starts with a ##
     * line) is documented through its keys, each of which needs a README row.
     */
    private static void checkDocumented(List<String> lines, int from, int to, String prefix,
                                        List<String> undocumented, List<String> missingRows, String readme) {
        int level = -1;
        for (int i = from; i < to; i++) {
            Matcher m = VALUE_KEY.matcher(lines.get(i));
            if (!m.matches() || level >= 0 && m.group(1).length() != level) {
                continue;
            }
            level = m.group(1).length();
            String path = prefix + m.group(2);
            int end = i + 1;
            while (end < to && (lines.get(end).isBlank() || Manifests.indentOf(lines.get(end)) > level)) {
                end++;
            }
            String firstInside = lines.subList(i + 1, end).stream().filter(l -> !l.isBlank())
                    .findFirst().orElse("").strip();
            boolean commented = i > 0 && lines.get(i - 1).strip().startsWith("##");
            boolean section = firstInside.startsWith("##") || m.group(3).isBlank() && !commented;
            if (section) {
                checkDocumented(lines, i + 1, end, path + ".", undocumented, missingRows, readme);
            } else if (!commented) {
                undocumented.add(path);
            } else if (!readme.contains("| `" + path + "` |")) {
                missingRows.add(path);
            }
            i = end - 1;
        }
    }

    /** NetcheckConfig read from the rendered file as Quarkus does: Quarkus' converters, unknown keys fatal. */
    private static NetcheckConfig asTheAppReadsIt(Properties applicationProperties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(applicationProperties, "chart", 260))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(NetcheckConfig.class)
                .withValidateUnknown(true)
                .build();
        return config.getConfigMapping(NetcheckConfig.class);
    }

    private static String env(Manifests m, String name) {
        return m.container().item("name", name, "env").scalar("value");
    }

    private static List<String> portsOf(Node rule) {
        return rule.items("ports").stream().map(p -> p.scalar("port") + "/" + p.scalar("protocol")).toList();
    }

    private static void assertSecretRef(Node container, String env, String secret, String key) {
        Node ref = container.item("name", env, "env").at("valueFrom", "secretKeyRef");
        assertEquals(secret, ref.scalar("name"), env);
        assertEquals(key, ref.scalar("key"), env);
    }

    private static void assertUnder(List<String> mounts, String path) {
        assertTrue(mounts.stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/")),
                path + " is not under a writable mount " + mounts);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static Path ci(String name) {
        return CHART.resolve("ci").resolve(name);
    }

    private static TemplateCommand template(Path chart) {
        return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    private static Manifests render() {
        return render(null, Map.of());
    }

    private static Manifests render(Path values) {
        return render(values, Map.of());
    }

    private static Manifests render(Map<String, String> set) {
        return render(null, set);
    }

    private static Manifests render(Path values, Map<String, String> set) {
        TemplateCommand command = template(CHART);
        if (values != null) {
            command = command.withValuesFile(values);
        }
        for (Map.Entry<String, String> e : set.entrySet()) {
            command = command.set(e.getKey(), e.getValue());
        }
        return Manifests.parse(command.call());
    }

    private static Path copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            files.forEach(source -> {
                Path dest = target.resolve(CHART.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(source, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}

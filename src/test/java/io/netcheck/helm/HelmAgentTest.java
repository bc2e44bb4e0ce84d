package io.netcheck.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** agent.enabled: agents from the same image, their token from a Secret; the server's API/agent tokens. */
class HelmAgentTest {
    @BeforeAll
    static void helmNeedsAnExistingTmpdir() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static Manifests render(Map<String, String> set) {
        TemplateCommand command = new Helm(HelmChartTest.CHART).template().withName(HelmChartTest.RELEASE)
                .withNamespace(HelmChartTest.NAMESPACE);
        for (Map.Entry<String, String> e : set.entrySet()) {
            command = command.set(e.getKey(), e.getValue());
        }
        return Manifests.parse(command.call());
    }

    @Test
    void aDaemonSetOfAgentsUsesTheHostNetworkAndDialsTheService() {
        Manifests m = render(Map.of("agent.enabled", "true", "agent.kind", "DaemonSet", "agent.existingSecret",
                "agent-token", "agent.zone", "dc1", "api.existingSecret", "api-tokens"));
        Manifests.Node pod = m.one("DaemonSet").node().at("spec", "template", "spec");
        assertEquals("true", pod.scalar("hostNetwork"));
        Manifests.Node agent = pod.item("name", "agent", "containers");
        List<String> args = agent.strings("args");
        assertEquals(List.of("agent", "--connect", "http://nc-netcheck.tools.svc:8080", "--name", "$(NODE_NAME)",
                "--zone", "dc1"), args);
        Manifests.Node token = agent.item("name", "NETCHECK_AGENT_TOKEN", "env");
        assertEquals("agent-token", token.scalar("valueFrom", "secretKeyRef", "name"));
        assertFalse(token.has("value"));
        assertTrue(agent.at("securityContext").strings("capabilities", "add").contains("NET_RAW"));
        // Agents must not be behind the server's Service.
        assertEquals("netcheck-agent", m.one("DaemonSet").node().scalar("spec", "selector", "matchLabels",
                "app.kubernetes.io/name"));
        Manifests.Node server = m.container();
        assertEquals("api-tokens", server.item("name", "NETCHECK_AGENT_TOKENS", "env")
                .scalar("valueFrom", "secretKeyRef", "name"));
        assertEquals("api-tokens", server.item("name", "NETCHECK_API_TOKEN", "env")
                .scalar("valueFrom", "secretKeyRef", "name"));
        assertEquals("NETCHECK_API_TOKENS", server.item("name", "NETCHECK_API_TOKENS", "env")
                .scalar("valueFrom", "secretKeyRef", "key"));
    }

    @Test
    void aDeploymentAgentHasItsNameAndAnAgentWithoutASecretIsRefused() {
        Manifests m = render(Map.of("agent.enabled", "true", "agent.existingSecret", "t", "agent.name", "lb-a",
                "agent.connect", "https://netcheck.example"));
        Manifests.Doc agent = m.ofKind("Deployment").stream().filter(d -> d.name().equals("nc-netcheck-agent"))
                .findFirst().orElseThrow();
        List<String> args = agent.node().at("spec", "template", "spec").item("name", "agent", "containers").strings("args");
        assertEquals(List.of("agent", "--connect", "https://netcheck.example", "--name", "lb-a"), args);
        Exception e = assertThrows(Exception.class, () -> render(Map.of("agent.enabled", "true")));
        assertTrue(e.getMessage().contains("agent.existingSecret"), e.getMessage());
    }
}

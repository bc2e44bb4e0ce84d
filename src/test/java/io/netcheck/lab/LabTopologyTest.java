package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.lab.LabNetwork.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LabNetwork's topologies and netlab.sh's must be the same list (no lab needed). */
class LabTopologyTest {

    @Test
    void everyTopologyIsOneNetlabBuilds() throws Exception {
        String script = Files.readString(Path.of("src", "test", "lab", "netlab.sh"));
        String line = script.lines().filter(l -> l.startsWith("TOPOLOGIES=")).findFirst().orElseThrow();
        List<String> inScript = List.of(line.substring(line.indexOf('"') + 1, line.lastIndexOf('"')).split(" "));
        assertEquals(inScript, Arrays.stream(Topology.values()).map(Topology::arg).toList());
        for (Topology t : Topology.values()) {
            assertTrue(script.contains("\nbuild_" + t.arg() + "() {"), "netlab.sh has no build_" + t.arg());
        }
    }
}

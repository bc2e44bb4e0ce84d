package io.netcheck.store;

import java.time.Instant;

/** A report kept for the incident button, as the store holds it: the report as JSON, the .pcap as bytes. */
public record KeptRow(String id, Instant keptAt, String channel, String ts, String userId, String reportJson,
                      String pcapName, byte[] pcap) {
}

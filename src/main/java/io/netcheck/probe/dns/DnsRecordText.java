package io.netcheck.probe.dns;

/** One resource record as dig prints it: owner, TTL, type and data. */
public record DnsRecordText(String name, long ttl, String type, String data) {
    @Override
    public String toString() {
        return name + " " + ttl + " IN " + type + " " + data;
    }
}

package io.netcheck.probe.dns;

import io.netcheck.probe.Deadline;
import io.netcheck.probe.Ticker;
import io.netcheck.probe.Probe;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** {@code dig @server name type}: one query, one server, no cache, no search list, every section kept. */
public final class DnsQueryProbe implements Probe<DnsQuery, DnsAnswer> {

    @Override
    public DnsAnswer probe(DnsQuery q, Deadline deadline) {
        Ticker ticker = deadline.ticker();
        long t0 = ticker.nanos();
        try {
            Name name = Name.fromString(q.name(), Name.root);
            SimpleResolver resolver = new SimpleResolver(q.server());
            Duration left = deadline.remaining();
            resolver.setTimeout(left.isZero() ? Duration.ofMillis(1) : left);
            Message reply = resolver.send(Message.newQuery(Record.newRecord(name, Type.value(q.type()), DClass.IN)));
            List<String> flags = new ArrayList<>();
            for (int f : new int[] {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD}) {
                if (reply.getHeader().getFlag(f)) {
                    flags.add(Flags.string(f));
                }
            }
            return new DnsAnswer(q, true, Rcode.string(reply.getRcode()), flags,
                    records(reply, Section.ANSWER), records(reply, Section.AUTHORITY), ticker.since(t0), null);
        } catch (TextParseException e) {
            return failed(q, ticker.since(t0), "not a valid DNS name: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return failed(q, ticker.since(t0), "no reply within " + ticker.since(t0).toMillis() + " ms");
        } catch (PortUnreachableException e) {
            return failed(q, ticker.since(t0), "ICMP port unreachable: nothing serves DNS on " + q.server());
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return failed(q, ticker.since(t0), m.contains("Timed out") || m.contains("timed out")
                    ? "no reply within " + ticker.since(t0).toMillis() + " ms" : m);
        }
    }

    private static List<DnsRecordText> records(Message m, int section) {
        List<DnsRecordText> out = new ArrayList<>();
        for (Record r : m.getSection(section)) {
            out.add(new DnsRecordText(r.getName().toString(), r.getTTL(), Type.string(r.getType()), r.rdataToString()));
        }
        return out;
    }

    private static DnsAnswer failed(DnsQuery q, Duration elapsed, String error) {
        return new DnsAnswer(q, false, null, List.of(), List.of(), List.of(), elapsed, error);
    }

}

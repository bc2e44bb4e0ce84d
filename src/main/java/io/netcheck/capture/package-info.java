/**
 * Packet capture and decoding, written by hand where it must be exact: pcap4j capture sessions, header stripping
 * (no payload kept), the frame dissector, the tcpdump-identical line formatter, the .pcap writer, and {@link
 * io.netcheck.capture.WireFacts}, what one connection's packets prove. Knows nothing above it.
 */
package io.netcheck.capture;

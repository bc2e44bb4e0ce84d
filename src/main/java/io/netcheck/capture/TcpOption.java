package io.netcheck.capture;

/**
 * One TCP option, already rendered the way tcpdump prints it inside {@code options [...]}:
 * {@code mss 1460}, {@code sackOK}, {@code TS val 1 ecr 0}, {@code nop}, {@code wscale 7}, {@code eol},
 * {@code sack 1 {2:3}}, or {@code unknown-N} for anything else.
 *
 * @param kind the option kind byte (2 MSS, 3 window scale, ...)
 * @param value numeric value where one applies (MSS, window scale shift), else -1
 */
public record TcpOption(int kind, long value, String text) {
}

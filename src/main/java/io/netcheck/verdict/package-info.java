/**
 * Evidence to verdict, the shared core: the one {@link io.netcheck.verdict.Rule} interface, the one
 * {@link io.netcheck.verdict.VerdictEngine} (first match wins, confidence calibrated by the number of independent
 * signals and lowered without a capture, the owning team from the {@link io.netcheck.verdict.TeamDirectory}),
 * causes, and the sentences verdicts cite. Each command's rules and table live in a sub-package (vip, tcp, dns,
 * tls, http, host, ping, trace, mtu, banner), one class per rule, each with its own test.
 */
package io.netcheck.verdict;

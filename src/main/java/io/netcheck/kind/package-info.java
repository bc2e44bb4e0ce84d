/**
 * The command kinds: one class per check command declares its grammar (words → request, usage), its run
 * (request → evidence, built from the shared {@link io.netcheck.check.Pipeline}), its rule table, its report and
 * its targets. {@link io.netcheck.kind.CheckKinds} registers every kind once; {@link io.netcheck.Checks} runs them.
 */
package io.netcheck.kind;

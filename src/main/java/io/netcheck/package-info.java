/**
 * The one entry point every front end (CLI, Slack, watches, the check API, agents) runs a check through:
 * {@link io.netcheck.Checks} binds each registered command kind ({@code kind/}) to its probe once at start-up and
 * runs request → evidence → verdict → report for any of them.
 */
package io.netcheck;

/**
 * Evidence to verdict: a first-match table of small rules per command (each rule one class with its own test),
 * causes, owning teams, confidence calibrated by the number of independent signals, and the sentences verdicts
 * cite.
 */
package io.netcheck.verdict;

/**
 * The banner command's rules and table: the connect rules, then what the service said first.
 */
package io.netcheck.verdict.banner;

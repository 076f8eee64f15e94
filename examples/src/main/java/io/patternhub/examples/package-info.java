/**
 * The patternhub command line tool, the offline demo and runnable examples.
 */
package io.patternhub.examples;

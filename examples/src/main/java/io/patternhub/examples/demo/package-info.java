/**
 * The offline demo ({@code patternhub demo}): {@link io.patternhub.examples.demo.OfflineDemo} runs the
 * storefront sandboxes, a local mail server and the hub in one process and tells the story one
 * {@link io.patternhub.examples.demo.DemoStep} at a time.
 */
package io.patternhub.examples.demo;

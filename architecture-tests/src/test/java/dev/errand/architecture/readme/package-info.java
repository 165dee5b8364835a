/**
 * The README's Java examples, each a file of a package here (the testing kit's lives in
 * errand-testing's tests, where it also runs), so the build compiles them; {@code
 * ReadmeSnippetsTest} fails when a README example is not found here, so they cannot drift apart.
 * Nothing here runs but the workflow example, whose test is beside it.
 */
package dev.errand.architecture.readme;

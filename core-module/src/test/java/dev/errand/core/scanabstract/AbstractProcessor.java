package dev.errand.core.scanabstract;

import dev.errand.core.scanfixture.TestJob;

@TestJob("abstract")
public abstract class AbstractProcessor {}

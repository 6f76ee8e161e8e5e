package io.github.coexist.surfacefixture.internal;

/** A fixture: an internal type, public for its sibling packages only. */
public class Hidden {}

package org.benchwright.engine.cad;

/** One manufacturability or constraint check: its name, verdict and an explanation. */
public record PartCheck(String name, boolean passed, String message) {}

/**
 * An experiment-loop run's results as data: the table of its EXPERIMENT events, written as TSV
 * (autoresearch's columns plus ours) or as a git repository of its attempts. Read-only over the
 * project file; shared by the CLI and whichever workflow records experiments.
 */
package org.benchwright.engine.experiments;

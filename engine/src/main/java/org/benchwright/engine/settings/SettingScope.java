package org.benchwright.engine.settings;

/** What one value of a setting applies to. */
public enum SettingScope {
  /** The whole project (its key may still name a thing, e.g. a tool). */
  PROJECT,
  /** One workflow of the project: the key holds a {@code {workflow}} placeholder. */
  WORKFLOW,
  /** One node of one workflow: the key holds {@code {workflow}} and {@code {node}}. */
  WORKFLOW_NODE
}

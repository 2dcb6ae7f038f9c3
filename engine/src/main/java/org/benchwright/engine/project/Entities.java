package org.benchwright.engine.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/**
 * Hibernate mappings of every project table. Hibernate validates them against the schema that the
 * Liquibase changelogs built (it never creates or alters tables). The append-only tables (events,
 * run_files, blobs) are mapped for validation and ad-hoc queries, but written through JDBC on the
 * same connection: see docs/decisions/0005-hibernate-and-the-event-log.md.
 *
 * <p>Column definitions repeat the declared SQLite type where SQLite's metadata would otherwise
 * report a type Hibernate does not consider equivalent (INTEGER for a Long key, for example).
 */
final class Entities {

  private Entities() {}

  static List<Class<?>> all() {
    return List.of(
        SettingRow.class,
        BlobRow.class,
        RunRow.class,
        EventRow.class,
        RunFileRow.class,
        PlanRevisionRow.class,
        TodoItemRow.class,
        ApprovalRow.class,
        SkillRow.class,
        SkillVersionRow.class,
        SkillAssetRow.class,
        BenchmarkRow.class,
        BenchmarkVariantRow.class,
        SandboxExecRow.class);
  }

  @Entity(name = "SettingRow")
  @Table(name = "project_settings")
  static class SettingRow {
    @Id
    @Column(name = "key")
    String key;

    @Column(name = "value", nullable = false)
    String value;
  }

  @Entity(name = "BlobRow")
  @Table(name = "blobs")
  static class BlobRow {
    @Id
    @Column(name = "sha256")
    String sha256;

    @Column(name = "codec", nullable = false)
    String codec;

    @Column(name = "size", nullable = false)
    long size;

    @Column(name = "data", nullable = false, columnDefinition = "BLOB")
    byte[] data;

    @Column(name = "created_at", nullable = false)
    long createdAt;
  }

  /** One part of a blob stored in parts (codec 'chunked'); see BlobStore. */
  @Entity(name = "BlobChunkRow")
  @Table(name = "blob_chunks")
  @IdClass(BlobChunkKey.class)
  static class BlobChunkRow {
    @Id
    @Column(name = "sha256")
    String sha256;

    @Id
    @Column(name = "part")
    int part;

    @Column(name = "codec", nullable = false)
    String codec;

    @Column(name = "size", nullable = false)
    long size;

    @Column(name = "data", nullable = false, columnDefinition = "BLOB")
    byte[] data;
  }

  record BlobChunkKey(String sha256, int part) implements Serializable {
    BlobChunkKey() {
      this(null, 0);
    }
  }

  @Entity(name = "RunRow")
  @Table(name = "runs")
  static class RunRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "uid", nullable = false, unique = true)
    String uid;

    @Column(name = "workflow", nullable = false)
    String workflow;

    @Column(name = "task", nullable = false)
    String task;

    @Column(name = "label")
    String label;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "parent_run_id")
    Long parentRunId;

    @Column(name = "fork_seq")
    Long forkSeq;

    @Column(name = "model_config", nullable = false)
    String modelConfig;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "started_at")
    Long startedAt;

    @Column(name = "ended_at")
    Long endedAt;

    @Column(name = "input_tokens", nullable = false)
    long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    long outputTokens;

    @Column(name = "cost_usd", nullable = false)
    double costUsd;

    @Column(name = "wall_ms", nullable = false)
    long wallMs;

    @Column(name = "outcome")
    String outcome;

    @Column(name = "outcome_reason")
    String outcomeReason;
  }

  record EventKey(long runId, long seq) implements Serializable {
    EventKey() {
      this(0, 0);
    }
  }

  @Entity(name = "EventRow")
  @Table(name = "events")
  @IdClass(EventKey.class)
  static class EventRow {
    @Id
    @Column(name = "run_id")
    long runId;

    @Id
    @Column(name = "seq")
    long seq;

    @Column(name = "type", nullable = false)
    String type;

    @Column(name = "node")
    String node;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "payload", nullable = false)
    String payload;

    @Column(name = "blob_sha")
    String blobSha;
  }

  record RunFileKey(long runId, String path, long seq) implements Serializable {
    RunFileKey() {
      this(0, null, 0);
    }
  }

  @Entity(name = "RunFileRow")
  @Table(name = "run_files")
  @IdClass(RunFileKey.class)
  static class RunFileRow {
    @Id
    @Column(name = "run_id")
    long runId;

    @Id
    @Column(name = "path")
    String path;

    @Id
    @Column(name = "seq")
    long seq;

    @Column(name = "blob_sha")
    String blobSha;

    @Column(name = "kind")
    String kind;
  }

  @Entity(name = "PlanRevisionRow")
  @Table(name = "plan_revisions")
  static class PlanRevisionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "run_id", nullable = false)
    long runId;

    @Column(name = "revision", nullable = false)
    int revision;

    @Column(name = "seq", nullable = false)
    long seq;

    @Column(name = "plan_text", nullable = false)
    String planText;

    @Column(name = "created_at", nullable = false)
    long createdAt;
  }

  @Entity(name = "TodoItemRow")
  @Table(name = "todo_items")
  static class TodoItemRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "plan_revision_id", nullable = false)
    long planRevisionId;

    @Column(name = "position", nullable = false)
    int position;

    @Column(name = "text", nullable = false)
    String text;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "proof")
    String proof;
  }

  @Entity(name = "ApprovalRow")
  @Table(name = "approvals")
  static class ApprovalRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "run_id", nullable = false)
    long runId;

    @Column(name = "gate_seq", nullable = false)
    long gateSeq;

    @Column(name = "kind", nullable = false)
    String kind;

    @Column(name = "decision")
    String decision;

    @Column(name = "comment")
    String comment;

    @Column(name = "decided_by")
    String decidedBy;

    @Column(name = "decided_at")
    Long decidedAt;
  }

  @Entity(name = "SkillRow")
  @Table(name = "skills")
  static class SkillRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "name", nullable = false, unique = true)
    String name;

    @Column(name = "created_at", nullable = false)
    long createdAt;
  }

  @Entity(name = "SkillVersionRow")
  @Table(name = "skill_versions")
  static class SkillVersionRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "skill_id", nullable = false)
    long skillId;

    @Column(name = "version", nullable = false)
    int version;

    @Column(name = "title", nullable = false)
    String title;

    @Column(name = "markdown", nullable = false)
    String markdown;

    @Column(name = "embedding", columnDefinition = "BLOB")
    byte[] embedding;

    @Column(name = "embedding_model")
    String embeddingModel;

    @Column(name = "origin_run_id")
    Long originRunId;

    @Column(name = "created_at", nullable = false)
    long createdAt;
  }

  record SkillAssetKey(long skillVersionId, String name) implements Serializable {
    SkillAssetKey() {
      this(0, null);
    }
  }

  @Entity(name = "SkillAssetRow")
  @Table(name = "skill_assets")
  @IdClass(SkillAssetKey.class)
  static class SkillAssetRow {
    @Id
    @Column(name = "skill_version_id")
    long skillVersionId;

    @Id
    @Column(name = "name")
    String name;

    @Column(name = "blob_sha", nullable = false)
    String blobSha;
  }

  @Entity(name = "BenchmarkRow")
  @Table(name = "benchmarks")
  static class BenchmarkRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "uid", nullable = false, unique = true)
    String uid;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "run_id")
    Long runId;

    @Column(name = "generator_blob")
    String generatorBlob;

    @Column(name = "objectives", nullable = false)
    String objectives;

    @Column(name = "constraints_json", nullable = false)
    String constraintsJson;

    @Column(name = "expected_solution_note")
    String expectedSolutionNote;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "created_at", nullable = false)
    long createdAt;
  }

  @Entity(name = "BenchmarkVariantRow")
  @Table(name = "benchmark_variants")
  static class BenchmarkVariantRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "benchmark_id", nullable = false)
    long benchmarkId;

    @Column(name = "seed", nullable = false)
    long seed;

    @Column(name = "mjcf_blob")
    String mjcfBlob;

    @Column(name = "assets", nullable = false)
    String assets;

    @Column(name = "validation_report")
    String validationReport;

    @Column(name = "passed")
    Boolean passed;
  }

  @Entity(name = "SandboxExecRow")
  @Table(name = "sandbox_execs")
  static class SandboxExecRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", columnDefinition = "INTEGER")
    Long id;

    @Column(name = "run_id", nullable = false)
    long runId;

    @Column(name = "seq")
    Long seq;

    @Column(name = "command", nullable = false)
    String command;

    @Column(name = "exit_code")
    Integer exitCode;

    @Column(name = "duration_ms", nullable = false)
    long durationMs;

    @Column(name = "stdout_blob")
    String stdoutBlob;

    @Column(name = "stderr_blob")
    String stderrBlob;

    @Column(name = "output_truncated", nullable = false)
    boolean outputTruncated;

    @Column(name = "limits", nullable = false)
    String limits;

    @Column(name = "termination_reason", nullable = false)
    String terminationReason;

    @Column(name = "started_at", nullable = false)
    long startedAt;
  }
}

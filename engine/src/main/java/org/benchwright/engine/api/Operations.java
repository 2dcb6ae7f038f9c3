package org.benchwright.engine.api;

/**
 * Every operation of the contract, bound to the engine. Each resource's operations live in their
 * own class; this is the one list of them (a test checks it against the document's operationIds).
 */
final class Operations {

  private Operations() {}

  static Routes routes(Service service, EventTail tail) {
    Routes r = new Routes();
    ProjectOperations.register(r, service);
    RunOperations.register(r, service);
    EventOperations.register(r, service, tail);
    GateOperations.register(r, service);
    FileOperations.register(r, service);
    BackupOperations.register(r, service);
    HealthOperations.register(r, service);
    SkillOperations.register(r, service);
    CapabilityOperations.register(r, service);
    BenchmarkOperations.register(r, service);
    ExportOperations.register(r, service);
    PredictOperations.register(r, service);
    return r;
  }
}

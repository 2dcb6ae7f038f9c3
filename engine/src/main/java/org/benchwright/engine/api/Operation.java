package org.benchwright.engine.api;

/** One operation of the contract (an operationId), bound to the engine. */
@FunctionalInterface
interface Operation {
  Reply handle(Call call) throws Exception;
}

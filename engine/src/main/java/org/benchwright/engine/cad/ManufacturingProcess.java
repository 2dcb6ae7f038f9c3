package org.benchwright.engine.cad;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a part is made; {@link #id()} is the name used in settings and tool arguments. */
public enum ManufacturingProcess {
  PRINTING("printing"),
  CNC("cnc"),
  INJECTION_MOLDING("injection_molding");

  private final String id;

  ManufacturingProcess(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException listing the known ids
   */
  public static ManufacturingProcess fromId(String id) {
    for (ManufacturingProcess p : values()) {
      if (p.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "Unknown process '"
            + id
            + "'. Known: "
            + Arrays.stream(values())
                .map(ManufacturingProcess::id)
                .collect(Collectors.joining(", "))
            + ".");
  }
}

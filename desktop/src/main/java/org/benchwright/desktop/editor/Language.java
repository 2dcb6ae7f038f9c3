package org.benchwright.desktop.editor;

import java.util.Locale;

/** The languages the editor highlights, chosen by file extension. */
enum Language {
  PYTHON,
  OPENSCAD,
  XML,
  PLAIN;

  static Language of(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".py")) {
      return PYTHON;
    }
    if (p.endsWith(".scad")) {
      return OPENSCAD;
    }
    if (p.endsWith(".xml") || p.endsWith(".mjcf") || p.endsWith(".urdf")) {
      return XML;
    }
    return PLAIN;
  }
}

package org.benchwright.engine.project;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Project-wide settings: JSON values by key. Defaults live with the code that reads them. */
public final class Settings {

  private final Store store;

  Settings(Store store) {
    this.store = store;
  }

  public Optional<String> get(String key) {
    return store.readEntities(
        s -> Optional.ofNullable(s.find(Entities.SettingRow.class, key)).map(r -> r.value));
  }

  public void put(String key, String jsonValue) {
    store.writeEntities(
        s -> {
          Entities.SettingRow r = s.find(Entities.SettingRow.class, key);
          if (r == null) {
            r = new Entities.SettingRow();
            r.key = key;
            r.value = jsonValue;
            s.persist(r);
          } else {
            r.value = jsonValue;
          }
          return null;
        });
  }

  /** Removes the key, so its readers fall back to their default; false if it was not set. */
  public boolean remove(String key) {
    return store.writeEntities(
        s -> {
          Entities.SettingRow r = s.find(Entities.SettingRow.class, key);
          if (r == null) {
            return false;
          }
          s.remove(r);
          return true;
        });
  }

  public Map<String, String> all() {
    return store.readEntities(
        s -> {
          Map<String, String> all = new TreeMap<>();
          s.createSelectionQuery("from SettingRow", Entities.SettingRow.class)
              .getResultList()
              .forEach(r -> all.put(r.key, r.value));
          return all;
        });
  }
}

package com.bellwether.scoring;

import com.bellwether.store.ModelVersion;
import com.bellwether.store.ModelVersionStore;

/** Health models kept as versions in the database. A database with none gets the shipped default as version 1. */
public final class SavedModels {

    public static final String SYSTEM_AUTHOR = "bellwether";

    private SavedModels() {
    }

    /** The active version's model; the shipped default saved as version 1 first when there is no version yet. */
    public static HealthModel active(ModelVersionStore store) {
        return model(activeVersion(store));
    }

    /** The active version; the shipped default saved as version 1 first when there is no version yet. */
    public static ModelVersion activeVersion(ModelVersionStore store) {
        return store.active().orElseGet(() -> {
            HealthModel shipped = HealthModel.defaultModel();
            // The first version is active by being the first: saved without activating, it needs no right to change
            // other versions (on a team's server, CS ops may save it).
            String name = shipped.name();
            // Saved once however many programs find no version at the same moment: the others read the one saved.
            return store.saveFirst(name, "The model shipped with Bellwether", SYSTEM_AUTHOR,
                            number -> shipped.withIdentity(name.strip(), number).toJson())
                    .or(store::active)
                    .orElseGet(() -> save(store, shipped, name, "The model shipped with Bellwether", SYSTEM_AUTHOR, false));
        });
    }

    /** Saves the model as the next version, carrying its number and name in its JSON. */
    public static ModelVersion save(ModelVersionStore store, HealthModel model, String name, String note, String author,
                                    boolean activate) {
        return save(store, model, name, note, author, activate, null);
    }

    /** The same, made active only over the active version seen (see {@link ModelVersionStore#save}). */
    public static ModelVersion save(ModelVersionStore store, HealthModel model, String name, String note, String author,
                                    boolean activate, Integer seenActive) {
        return store.save(name, note, author, number -> model.withIdentity(name.strip(), number).toJson(), activate,
                seenActive);
    }

    public static HealthModel model(ModelVersion version) {
        return HealthModel.parse(version.json(), "model version " + version.number());
    }

    /** Who is saving: the operating system's user name. */
    public static String currentAuthor() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}

package com.bellwether.app;

import java.time.OffsetDateTime;

import com.bellwether.scoring.HealthModel;

/** A saved health model as screens and commands see it: its number, who saved it when and why, and the model. */
public record ModelVersion(int number, String name, String note, String author, OffsetDateTime createdAt,
                           String json, boolean active) {

    static ModelVersion of(com.bellwether.store.ModelVersion stored) {
        return new ModelVersion(stored.number(), stored.name(), stored.note(), stored.author(), stored.createdAt(),
                stored.json(), stored.active());
    }

    /** "v3 Renewal focus". */
    public String label() {
        return "v" + number + " " + name;
    }

    /** The model saved under this version. */
    public HealthModel model() {
        return HealthModel.parse(json, "model version " + number);
    }
}

package com.bellwether.store;

import java.time.OffsetDateTime;

/** A saved health model: its number, who saved it when and why, and the model's full JSON. */
public record ModelVersion(int number, String name, String note, String author, OffsetDateTime createdAt,
                           String json, boolean active) {

    /** "v3 Renewal focus". */
    public String label() {
        return "v" + number + " " + name;
    }
}

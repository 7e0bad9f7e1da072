package com.bellwether.domain;

public enum InteractionKind {
    MEETING, CALL, EMAIL, QBR, LOGIN, EVENT
}

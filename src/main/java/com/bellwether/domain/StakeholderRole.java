package com.bellwether.domain;

public enum StakeholderRole {
    EXECUTIVE, CHAMPION, ADMIN, USER, OTHER
}

"""Rules layer: consistency checks now; eligibility under the law in force later."""

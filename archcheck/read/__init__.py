"""Reading: bytes → positioned YAML data → schema-checked model values.

The exact loader (:mod:`.sourcemap`), the fast path (:mod:`.fastload`), schema validation with
located messages (:mod:`.validation`) and the model builder (:mod:`.loading`). Nothing here knows
about frameworks, rules or findings beyond their plain values.
"""

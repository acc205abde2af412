#!/usr/bin/env python3
"""Produce the reference verdicts for Herald's differential test of its JSON Schema engine.

Every real manifest (`*.json` in ../shared/real-manifests by default) is decoded (UTF-8, UTF-8 with
BOM, UTF-16 LE/BE with BOM) and parsed strictly (NaN and Infinity are rejected; of duplicate keys the
last wins). Its root `manifestVersion` picks the OFFICIAL schema (`vX.Y.schema.json`, or
`devPreview.schema.json`) from ../shared/manifest-schemas by default.

The validator is python-jsonschema's Draft 7 validator, because the schemas declare draft-04 but rely
on `const`, `if`/`then` and `not`. It is extended so that `pattern`, `patternProperties` (and the
pattern part of `additionalProperties`) are matched with the `regex` module, which knows `\\p{L}`,
and so that `format` checks "uri" only, with one fixed expression that Herald uses as well.

Each manifest is validated twice: as found, and "filled", i.e. after every placeholder in every string
value has been replaced by a fixed sample value (the same rule as Herald's placeholder sampling). A
verdict is whether the document is valid plus the sorted set of JSON pointers (RFC 6901) of the
instance locations of the top-level errors.

The result is written as sorted, indented JSON (Tests/ManifestKitTests/Fixtures/reference-verdicts.json
by default). It depends only on the inputs and on the jsonschema and regex versions.
"""
import argparse
import importlib.metadata
import json
import pathlib
import sys

import jsonschema
import jsonschema.exceptions
import jsonschema.validators
import regex

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_MANIFESTS = ROOT.parent / "shared" / "real-manifests"
DEFAULT_SCHEMAS = ROOT.parent / "shared" / "manifest-schemas"
DEFAULT_OUT = ROOT / "Tests" / "ManifestKitTests" / "Fixtures" / "reference-verdicts.json"

# ---------------------------------------------------------------------------------------------
# Placeholder filling (must stay identical to Herald's Swift implementation).

PLACEHOLDER = regex.compile(
    r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}"       # ${{NAME}}     (Teams Toolkit)
    r"|\{\{\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*\}\}"     # {{NAME}}      (templating)
    r"|<<([A-Za-z][A-Za-z0-9_ .\-]*)>>"               # <<NAME>>      (older samples)
    r"|(?<![^/.:?#=&@])<([A-Za-z][A-Za-z0-9_ \-]*)>(?![^/.:?#=&@])"   # <NAME>, a whole value or host/URL part
    r"|%([A-Za-z_][A-Za-z0-9_]*)%"                    # %NAME%
    r"|(?<![^/.:?#=&@])\[([A-Za-z][A-Za-z0-9_ \-]*)\](?![^/.:?#=&@])"  # [NAME], likewise (never [[NAME]])
)
ZERO_GUID = "00000000-0000-0000-0000-000000000000"
SAMPLE_RULES = (  # the first rule with a token in common with the name wins
    ({"SUFFIX"}, ""),
    ({"VERSION"}, "1.0.0"),
    ({"COLOR", "COLOUR"}, "#FFFFFF"),
    ({"DOMAIN", "HOST", "HOSTNAME", "FQDN"}, "contoso.example.com"),
    ({"URL", "URI", "ENDPOINT"}, "https://contoso.example.com"),
    ({"ID", "GUID"}, ZERO_GUID),
)


def name_tokens(name):
    """Upper-cased tokens of a placeholder name: split at every character that is not an ASCII letter
    or digit, then at each lower-case -> upper-case boundary ("WebAppDomainName" -> WEB APP DOMAIN NAME)."""
    tokens = []
    for chunk in regex.split(r"[^A-Za-z0-9]+", name):
        start = 0
        for index in range(1, len(chunk)):
            if chunk[index - 1].islower() and chunk[index].isupper():
                tokens.append(chunk[start:index])
                start = index
        tokens.append(chunk[start:])
    return {token.upper() for token in tokens if token}


def sample_value(name):
    tokens = name_tokens(name)
    for triggers, value in SAMPLE_RULES:
        if tokens & triggers:
            return value
    return "x"


def field_sample(name, path):
    """The stand-in for a placeholder that is a whole value: by the field it fills when the field says what it
    holds, else by the name (Herald's PlaceholderSample.value(for:field:wholeValue:))."""
    key = path[-1].lower() if path else None
    if key is None:
        return sample_value(name)
    if path == ["id"] or path == ["webApplicationInfo", "id"] or key == "botid":
        return ZERO_GUID
    if key == "version":
        return "1.0.0"
    if key.endswith("url"):
        return "https://contoso.example.com"
    if key.endswith("color"):
        return "#FFFFFF"
    if len(path) >= 2 and path[-2] == "validDomains":
        return "contoso.example.com"
    return sample_value(name)


def fill_string(text, path):
    def replace(match):
        name = next(g for g in match.groups() if g is not None)
        return field_sample(name, path) if match.group(0) == text else sample_value(name)
    return PLACEHOLDER.sub(replace, text)


def fill(value, path=()):
    """`value` with every placeholder in every string value replaced; object keys are left alone."""
    if isinstance(value, str):
        return fill_string(value, list(path))
    if isinstance(value, list):
        return [fill(item, (*path, str(index))) for index, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: fill(item, (*path, key)) for key, item in value.items()}
    return value

# ---------------------------------------------------------------------------------------------
# The validator.

URI = regex.compile(r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>"{}|\\^`]*$')
_patterns = {}


def compiled(pattern):
    if pattern not in _patterns:
        _patterns[pattern] = regex.compile(pattern)
    return _patterns[pattern]


def check_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def check_pattern_properties(validator, pattern_properties, instance, schema):
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in pattern_properties.items():
        for key, value in instance.items():
            if compiled(pattern).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def check_additional_properties(validator, additional, instance, schema):
    """Draft 7 additionalProperties, with the patternProperties names matched by `regex`."""
    if not validator.is_type(instance, "object"):
        return
    declared = schema.get("properties", {})
    patterns = [compiled(pattern) for pattern in schema.get("patternProperties", {})]
    extras = [key for key in instance if key not in declared and not any(p.search(key) for p in patterns)]
    if validator.is_type(additional, "object"):
        for key in extras:
            yield from validator.descend(instance[key], additional, path=key)
    elif additional is False and extras:
        yield jsonschema.ValidationError(f"additional properties are not allowed ({', '.join(map(repr, extras))})")


def check_format(validator, format_name, instance, schema):
    if format_name == "uri" and isinstance(instance, str) and not URI.fullmatch(instance):
        yield jsonschema.ValidationError(f"{instance!r} is not a 'uri'")


ReferenceValidator = jsonschema.validators.extend(
    jsonschema.Draft7Validator,
    {
        "pattern": check_pattern,
        "patternProperties": check_pattern_properties,
        "additionalProperties": check_additional_properties,
        "format": check_format,
    },
)


def json_pointer(path):
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def verdict(validator, document):
    pointers = sorted({json_pointer(error.absolute_path) for error in validator.iter_errors(document)})
    return {"valid": not pointers, "pointers": pointers}

# ---------------------------------------------------------------------------------------------
# Reading manifests and schemas.


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    return data.decode("utf-8")


def reject_constant(name):
    raise ValueError(f"{name} is not a JSON value")


def parse(data):
    return json.loads(decode(data), parse_constant=reject_constant)


def schema_file_name(version):
    if version == "devPreview":
        return "devPreview.schema.json"
    if regex.fullmatch(r"[0-9]+\.[0-9]+", version):
        return f"v{version}.schema.json"
    return None


def load_schema(path):
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    schema = json.loads(data.decode("utf-8"))
    # Structural check against the Draft 7 meta-schema. Its `format: regex` is not asserted here, as
    # the jsonschema default would compile patterns with `re`; `compiled` reports bad patterns instead.
    problem = jsonschema.exceptions.best_match(
        jsonschema.Draft7Validator(jsonschema.Draft7Validator.META_SCHEMA).iter_errors(schema))
    if problem is not None:
        raise jsonschema.exceptions.SchemaError.create_from(problem)
    return schema


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Validate the real manifests with python-jsonschema and write the reference verdicts "
                    "for Herald's differential test.")
    parser.add_argument("--manifests", type=pathlib.Path, default=DEFAULT_MANIFESTS, metavar="DIR",
                        help="folder of manifests, every *.json in it is checked (default: ../shared/real-manifests)")
    parser.add_argument("--schemas", type=pathlib.Path, default=DEFAULT_SCHEMAS, metavar="DIR",
                        help="folder of the schemas to validate with (default: the official ones in ../shared/manifest-schemas)")
    parser.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT, metavar="FILE",
                        help="output file (default: Tests/ManifestKitTests/Fixtures/reference-verdicts.json)")
    args = parser.parse_args(argv)

    paths = sorted(args.manifests.glob("*.json"))
    if not paths:
        print(f"reference-verdicts: no *.json files in {args.manifests}", file=sys.stderr)
        return 2
    validators, entries = {}, {}
    for path in paths:
        entry = {"manifestVersion": None, "schema": None, "parses": True}
        entries[path.name] = entry
        try:
            document = parse(path.read_bytes())
        except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            entry["parses"] = False
            entry["parseError"] = str(error)
            continue
        version = document.get("manifestVersion") if isinstance(document, dict) else None
        if not isinstance(version, str):
            continue
        entry["manifestVersion"] = version
        name = schema_file_name(version)
        if name is None or not (args.schemas / name).is_file():
            continue
        entry["schema"] = name
        if name not in validators:
            validators[name] = ReferenceValidator(load_schema(args.schemas / name))
        entry["asFound"] = verdict(validators[name], document)
        entry["filled"] = verdict(validators[name], fill(document))

    output = {
        "validator": f"python-jsonschema {importlib.metadata.version('jsonschema')} Draft7 + regex patterns",
        "entries": entries,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes((json.dumps(output, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))

    parsed = [e for e in entries.values() if e["parses"]]
    checked = [e for e in parsed if e["schema"]]
    as_found = sum(e["asFound"]["valid"] for e in checked)
    filled = sum(e["filled"]["valid"] for e in checked)
    print(f"reference-verdicts: {len(entries)} files, {len(parsed)} parsed, {len(checked)} with a schema; "
          f"as found {as_found} valid / {len(checked) - as_found} invalid; "
          f"filled {filled} valid / {len(checked) - filled} invalid -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

// Writes a plan JSON to a file piece by piece: a 1,000-spoke plan is larger than the longest
// string V8 can build (JSON.stringify of it threw RangeError), so no step ever holds the whole
// document. The bytes are exactly JSON.stringify(value, null, 2) + "\n": same schema, same text.
import * as fs from "fs";

/** Containers this deep are written member by member; deeper values in one JSON.stringify each. */
const STREAM_DEPTH = 4;
/** Bytes gathered before one write(2). */
const CHUNK = 1 << 20;

export interface JsonSink {
    write(text: string): void;
    close(): void;
}

export function fileSink(file: string): JsonSink & { readonly largestWrite: number } {
    const fd = fs.openSync(file, "w");
    let buffer: string[] = [];
    let size = 0;
    const sink = {
        largestWrite: 0,
        write(text: string) {
            buffer.push(text);
            size += text.length;
            if (size >= CHUNK) flush();
        },
        close() { flush(); fs.closeSync(fd); },
    };
    function flush() {
        if (!buffer.length) return;
        const text = buffer.join("");
        sink.largestWrite = Math.max(sink.largestWrite, text.length);
        fs.writeSync(fd, text);
        buffer = [];
        size = 0;
    }
    return sink;
}

function leaf(value: unknown, indent: string): string | undefined {
    const text = JSON.stringify(value, null, 2);
    return text === undefined ? undefined : text.replace(/\n/g, `\n${indent}`);
}

function emit(sink: JsonSink, value: unknown, indent: string, depth: number): void {
    if (depth >= STREAM_DEPTH || value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
        sink.write(leaf(value, indent) ?? "null");
        return;
    }
    const inner = indent + "  ";
    if (Array.isArray(value)) {
        if (!value.length) { sink.write("[]"); return; }
        sink.write("[");
        value.forEach((v, i) => {
            sink.write(`${i ? "," : ""}\n${inner}`);
            const t = typeof v;
            if (v === undefined || t === "function" || t === "symbol") sink.write("null");
            else emit(sink, v, inner, depth + 1);
        });
        sink.write(`\n${indent}]`);
        return;
    }
    let first = true;
    for (const [k, v] of Object.entries(value)) {
        const t = typeof v;
        if (v === undefined || t === "function" || t === "symbol") continue;
        sink.write(`${first ? "{" : ","}\n${inner}${JSON.stringify(k)}: `);
        first = false;
        emit(sink, v, inner, depth + 1);
    }
    sink.write(first ? "{}" : `\n${indent}}`);
}

/** Streams `value` as pretty JSON (two-space indent, trailing newline) into `sink`. */
export function writeJson(sink: JsonSink, value: unknown): void {
    emit(sink, value, "", 0);
    sink.write("\n");
}

/** Writes `value` to `file` as JSON without building the whole text; returns the largest single write. */
export function writeJsonFile(file: string, value: unknown): number {
    const sink = fileSink(file);
    try {
        writeJson(sink, value);
    } finally {
        sink.close();
    }
    return sink.largestWrite;
}

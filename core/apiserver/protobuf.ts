export function isProtobuf(ct: string): boolean { return /protobuf/.test(ct); }
export function decodeProtobufObject(_b: Buffer): unknown { throw new Error('protobuf not supported yet'); }

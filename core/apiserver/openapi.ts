export function openApiV2(): unknown { return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: {} }; }
export function openApiV3Index(): unknown { return { paths: {} }; }
export function openApiV3Doc(_p: string): unknown { return undefined; }

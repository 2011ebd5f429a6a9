// The Kustomize renderer's public face.
export { findKustomization, renderKustomization, toYaml } from './render';
export { KUSTOMIZATION_NAMES, KustomizeError, type FieldOrigin, type KustomizeReader, type RenderedObject, type RenderResult, type SourceRef } from './types';

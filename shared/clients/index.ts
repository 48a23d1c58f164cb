export { type ApplyOptions, applyClient, type ChangeKind, type ClientPreview, MAX_PREVIEW_BYTES, type PreviewChange } from './apply';
export { type ClientId, clientIds, type ClientProfile, clientProfiles, type DarkBehaviour, isClientId } from './clients';

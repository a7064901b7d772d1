export { checkText } from './text'
export {
  applyMediaVerdict,
  checkPhotos,
  onMediaVerdict,
  photoStatuses,
  photoViews,
  recomputeOwner,
  type PhotoRef,
  type PhotoStatus,
} from './media'

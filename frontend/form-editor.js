// Entry of the vendored form-js editor bundle: exposes window.FormEditor = { FormEditor, createFormEditor }.
export { FormEditor, createFormEditor } from '@bpmn-io/form-js-editor';

// Entry of the vendored form-js viewer bundle: exposes window.FormViewer = { Form, createForm }.
export { Form, createForm } from '@bpmn-io/form-js-viewer';

// dmn-js (decision requirements diagram, decision table and literal expression editors) as the global
// DmnJS for the decision-table page (app/static/js/decisions.js). Built by build-dmn.mjs.
import DmnModeler from 'dmn-js/lib/Modeler';

window.DmnJS = DmnModeler;
